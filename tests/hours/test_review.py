"""The console's review queue and bulk approve/reject: one answer per record, each decided once."""
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from app.extensions import db
from app.models import HoursLedgerEntry
from tests.factories import auth_headers, make_community, make_hours, make_organiser, make_user, make_volunteer

LIST = "/api/v1/hours/records"
BULK = "/api/v1/hours/records/bulk"


def waiting(community, n):
    return [make_hours(make_volunteer(community=community), community=community, approve=False) for _ in range(n)]


def test_the_queue_lists_waiting_records_in_my_scope_with_a_total(client):
    home, elsewhere = make_community(), make_community()
    mine = waiting(home, 3)
    waiting(elsewhere, 2)
    organiser = make_organiser(home)
    page = client.get(LIST, query_string={"limit": 2}, headers=auth_headers(organiser)).get_json()
    assert page["total"] == 3 and len(page["items"]) == 2
    rest = client.get(LIST, query_string={"limit": 2, "offset": 2}, headers=auth_headers(organiser)).get_json()
    seen = {r["id"] for r in page["items"] + rest["items"]}
    assert seen == {r.id for r in mine}
    assert page["items"][0]["volunteer_name"] and page["items"][0]["status"] == "pending"
    admin_page = client.get(LIST, headers=auth_headers(make_user(role="admin"))).get_json()
    assert admin_page["total"] == 5
    one_event = client.get(LIST, query_string={"event_id": mine[0].event_id}, headers=auth_headers(organiser))
    assert [r["id"] for r in one_event.get_json()["items"]] == [mine[0].id]


def test_bulk_approve_answers_per_record(client):
    home, elsewhere = make_community(), make_community()
    records = waiting(home, 3)
    foreign = waiting(elsewhere, 1)[0]
    organiser = make_organiser(home)
    own = make_hours(organiser, community=home, approve=False)
    ids = [r.id for r in records] + [foreign.id, own.id, 999999]
    answer = client.post(BULK, json={"action": "approve", "record_ids": ids}, headers=auth_headers(organiser))
    assert answer.status_code == 200
    results = {r["id"]: r for r in answer.get_json()["results"]}
    assert all(results[r.id]["ok"] and results[r.id]["status"] == "approved" for r in records)
    assert results[foreign.id]["code"] == "record_not_found"  # another community's record is not confirmed
    assert results[999999]["code"] == "record_not_found"
    assert results[own.id]["code"] == "own_record" and "自己" in results[own.id]["message"]

    again = client.post(BULK, json={"action": "approve", "record_ids": [records[0].id]},
                        headers=auth_headers(organiser))
    assert again.get_json()["results"][0]["code"] == "record_not_pending"
    entries = db.session.execute(db.select(HoursLedgerEntry.service_record_id)).scalars().all()
    assert sorted(entries) == sorted(r.id for r in records)


def test_bulk_reject_needs_a_reason(client):
    home = make_community()
    records = waiting(home, 2)
    organiser = make_organiser(home)
    refused = client.post(BULK, json={"action": "reject", "record_ids": [records[0].id]},
                          headers=auth_headers(organiser))
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "reason_required"
    answer = client.post(BULK, json={"action": "reject", "record_ids": [r.id for r in records], "reason": "未到岗"},
                         headers=auth_headers(organiser)).get_json()
    assert [r["status"] for r in answer["results"]] == ["rejected", "rejected"]
    assert client.get(LIST, headers=auth_headers(organiser)).get_json()["total"] == 0


def test_residents_and_volunteers_may_not(client):
    for person in (make_user(), make_volunteer()):
        assert client.get(LIST, headers=auth_headers(person)).status_code == 403
        assert client.post(BULK, json={"action": "approve", "record_ids": [1]},
                           headers=auth_headers(person)).status_code == 403


def test_two_organisers_bulk_approving_the_same_records_credit_each_once(app, client):
    home = make_community()
    records = waiting(home, 6)
    ids = [r.id for r in records]
    organisers = [make_organiser(home) for _ in range(4)]
    headers = [auth_headers(o) for o in organisers]
    barrier = threading.Barrier(len(organisers))

    def one(i):
        racer = app.test_client()
        barrier.wait()
        return racer.post(BULK, json={"action": "approve", "record_ids": ids}, headers=headers[i]).get_json()

    with ThreadPoolExecutor(max_workers=len(organisers)) as pool:
        answers = list(pool.map(one, range(len(organisers))))
    wins = Counter(r["id"] for a in answers for r in a["results"] if r["ok"])
    assert wins == {i: 1 for i in ids}
    entries = Counter(db.session.execute(db.select(HoursLedgerEntry.service_record_id)).scalars())
    assert entries == {i: 1 for i in ids}
