"""Screen links: display keys an admin makes and revokes."""
from app.models import AuditLog, ScreenLink
from app.extensions import db
from tests.factories import auth_headers, make_user


def test_an_admin_makes_a_link_whose_key_opens_the_screen_until_revoked(client, ctx):
    admin = make_user(role="admin")
    made = client.post("/api/v1/screen/links", json={"label": "街道大厅"}, headers=auth_headers(admin))
    assert made.status_code == 201
    link = made.get_json()
    assert link["path"] == f"/console/screen?key={link['key']}" and link["active"] is True
    # Only the key's hash is kept.
    assert link["key"] not in db.session.get(ScreenLink, link["id"]).key_hash

    assert client.get("/api/v1/screen/summary", query_string={"key": link["key"]}).status_code == 200
    listed = client.get("/api/v1/screen/links", headers=auth_headers(admin)).get_json()
    assert [(x["label"], x["active"]) for x in listed] == [("街道大厅", True)] and "key" not in listed[0]

    revoked = client.delete(f"/api/v1/screen/links/{link['id']}", headers=auth_headers(admin))
    assert revoked.status_code == 200 and revoked.get_json()["active"] is False
    refused = client.get("/api/v1/screen/summary", query_string={"key": link["key"]})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "screen_key_invalid"
    actions = db.session.execute(db.select(AuditLog.action).order_by(AuditLog.id)).scalars().all()
    assert actions == ["screen.link_created", "screen.link_revoked"]


def test_revoking_twice_keeps_the_first_revocation_and_an_unknown_link_is_404(client, ctx):
    admin = make_user(role="admin")
    link = client.post("/api/v1/screen/links", json={"label": "会议室"}, headers=auth_headers(admin)).get_json()
    first = client.delete(f"/api/v1/screen/links/{link['id']}", headers=auth_headers(admin)).get_json()
    second = client.delete(f"/api/v1/screen/links/{link['id']}", headers=auth_headers(admin)).get_json()
    assert first["revoked_at"] == second["revoked_at"]
    missing = client.delete("/api/v1/screen/links/999", headers=auth_headers(admin))
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "screen_link_not_found"


def test_a_label_is_required(client, ctx):
    admin = make_user(role="admin")
    answer = client.post("/api/v1/screen/links", json={"label": "  "}, headers=auth_headers(admin))
    assert answer.status_code == 422 and "label" in answer.get_json()["error"]["details"]["json"]


def test_display_keys_stay_out_of_the_logs():
    from app.observability import redact

    line = '"GET /api/v1/screen/stream?key=Abc_12-x HTTP/1.1" 200 - "http://hall/console/screen?key=Abc_12-x&full=1"'
    assert "Abc_12-x" not in redact(line)
    assert redact(line).count("key=[redacted]") == 2
