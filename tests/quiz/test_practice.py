"""每日一练: the same questions all day, checked at once, once a day each;
wrong answers go to my list and leave it when answered right."""
from datetime import timedelta

from app.extensions import db
from app.localtime import local_date
from app.models import Question, WrongAnswer, utcnow
from app.quiz import practice
from tests.factories import auth_headers, make_user
from tests.quiz.conftest import make_bank


def test_daily_practice_and_the_wrong_answer_list(client):
    make_bank()
    person = make_user()
    headers = auth_headers(person)
    today = client.get("/api/v1/quiz/daily", headers=headers).get_json()
    assert len(today["items"]) == practice.DAILY_COUNT
    assert client.get("/api/v1/quiz/daily", headers=headers).get_json() == today  # the same all day
    assert all("answer" not in item and "explanation" not in item for item in today["items"])
    # Tomorrow in China time, as the app's day is (after 16:00 UTC it is already tomorrow there).
    tomorrow = practice.daily_question_ids(person.id, local_date(utcnow()) + timedelta(days=1))
    assert tomorrow != [item["id"] for item in today["items"]]

    first = db.session.get(Question, today["items"][0]["id"])
    wrong = [i for i in range(len(first.options)) if i not in first.answer][:1]
    checked = client.post("/api/v1/quiz/practice/answers", json={"question_id": first.id, "choice": wrong},
                          headers=headers).get_json()
    assert checked["is_correct"] is False and checked["answer"] == first.answer and checked["explanation"]
    listed = client.get("/api/v1/quiz/wrong-answers", headers=headers).get_json()
    assert [item["id"] for item in listed["items"]] == [first.id] and listed["items"][0]["answer"] == first.answer
    shown = client.get("/api/v1/quiz/daily", headers=headers).get_json()["items"][0]
    assert shown["is_correct"] is False and shown["answer"] == first.answer

    # answered today already, but on my wrong list: a second go is allowed and a right answer clears it
    again = client.post("/api/v1/quiz/practice/answers", json={"question_id": first.id, "choice": first.answer},
                        headers=headers).get_json()
    assert again["is_correct"] is True
    assert db.session.execute(db.select(WrongAnswer)).first() is None
    twice = client.post("/api/v1/quiz/practice/answers", json={"question_id": first.id, "choice": first.answer},
                        headers=headers)
    assert twice.get_json()["error"]["code"] == "already_practised"
    other = next(q for q in db.session.execute(db.select(Question)).scalars()
                 if q.id not in {item["id"] for item in today["items"]})
    refused = client.post("/api/v1/quiz/practice/answers", json={"question_id": other.id, "choice": [0]},
                          headers=headers)
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "question_not_in_practice")
