"""A small bank and a running contest, built from real rows."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from app.extensions import db
from app.models import Contest, Question, utcnow

TOPICS = ("建党", "长征", "改革开放")


def make_bank(per_topic=6):
    """``per_topic`` questions per topic, of every kind and difficulty."""
    made = []
    for t, topic in enumerate(TOPICS):
        for i in range(per_topic):
            kind = ("single", "multiple", "judge")[i % 3]
            options = ["正确", "错误"] if kind == "judge" else ["甲", "乙", "丙", "丁"]
            answer = {"single": [2], "multiple": [0, 3], "judge": [1]}[kind]
            made.append(Question(kind=kind, topic=topic, difficulty=("easy", "medium", "hard")[i % 3],
                                 stem=f"{topic}测试题{i + 1}：下列说法哪个正确？", options=options, answer=answer,
                                 explanation=f"{topic}测试题{i + 1}的解析", source="测试出处", is_active=True))
    db.session.add_all(made)
    db.session.commit()
    return made


def make_contest(count=5, seconds=30, attempts=1, entry="everyone", unit_ids=(), leaderboard="at_close",
                 starts_in=timedelta(hours=-1), lasts=timedelta(days=1), certificate_top=3, title="百年党史知多少"):
    contest = Contest(title=title, starts_at=utcnow() + starts_in, ends_at=utcnow() + starts_in + lasts,
                      quotas=[{"topic": None, "difficulty": None, "count": count}], question_count=count,
                      seconds_per_question=seconds, attempts_allowed=attempts, entry=entry, unit_ids=list(unit_ids),
                      leaderboard=leaderboard, certificate_top=certificate_top)
    db.session.add(contest)
    db.session.commit()
    return contest


def right_places(attempt, position):
    """The shown places of question ``position``'s right options (what a
    perfect player taps), read from the rows as only the server can."""
    question = db.session.get(Question, attempt.question_ids[position])
    order = attempt.option_orders[position]
    return sorted(order.index(i) for i in question.answer)


def race(app, requests):
    """POST each (path, body, headers) from its own thread, released together."""
    barrier = threading.Barrier(len(requests))

    def send(request):
        path, body, headers = request
        client = app.test_client()
        barrier.wait()
        return client.post(path, json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))
