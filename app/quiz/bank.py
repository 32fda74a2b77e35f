"""The question bank: what makes a question well formed (one rule for the API
and the spreadsheet import), adding and changing questions."""
from app.errors import APIError, invalid
from app.extensions import db
from app.models import Question

KIND_LABELS = {"single": "单选题", "multiple": "多选题", "judge": "判断题"}
DIFFICULTY_LABELS = {"easy": "易", "medium": "中", "hard": "难"}
JUDGE_OPTIONS = ["正确", "错误"]
MAX_OPTIONS = 6
LETTERS = "ABCDEF"


def problems(kind, options, answer):
    """[(field, Chinese reason)] wrong with this kind/options/answer; [] when well formed."""
    found = []
    if kind not in KIND_LABELS:
        return [("kind", "题型须为单选题、多选题或判断题")]
    if kind == "judge":
        if list(options) != JUDGE_OPTIONS:
            found.append(("options", "判断题的选项须为「正确」「错误」"))
    elif not 2 <= len(options) <= MAX_OPTIONS:
        found.append(("options", f"选项须有 2 到 {MAX_OPTIONS} 个"))
    elif len(set(options)) != len(options):
        found.append(("options", "选项不能重复"))
    if not answer or any(not isinstance(i, int) or not 0 <= i < len(options) for i in answer):
        found.append(("answer", "答案须为存在的选项"))
    elif len(set(answer)) != len(answer):
        found.append(("answer", "答案不能重复"))
    elif kind in ("single", "judge") and len(answer) != 1:
        found.append(("answer", "单选题和判断题只有一个正确答案"))
    elif kind == "multiple" and len(answer) < 2:
        found.append(("answer", "多选题至少有两个正确答案"))
    return found


def _check(kind, options, answer):
    found = problems(kind, options, answer)
    if found:
        raise invalid(*found[0])


def stem_taken(stem, except_id=None):
    query = db.select(Question.id).where(Question.stem == stem)
    if except_id is not None:
        query = query.where(Question.id != except_id)
    return db.session.execute(query).first() is not None


def create(fields):
    options = JUDGE_OPTIONS if fields["kind"] == "judge" and not fields.get("options") else fields["options"]
    answer = sorted(fields["answer"])
    _check(fields["kind"], options, answer)
    if stem_taken(fields["stem"]):
        raise invalid("stem", "题库中已有相同题干的题目")
    question = Question(kind=fields["kind"], topic=fields["topic"], difficulty=fields["difficulty"],
                        stem=fields["stem"], options=list(options), answer=answer,
                        explanation=fields["explanation"], source=fields.get("source"),
                        is_active=fields.get("is_active", True))
    db.session.add(question)
    db.session.commit()
    return question


def update(question_id, fields):
    question = db.session.get(Question, question_id)
    if question is None:
        raise APIError("question_not_found")
    if "stem" in fields and stem_taken(fields["stem"], question.id):
        raise invalid("stem", "题库中已有相同题干的题目")
    kind = fields.get("kind", question.kind)
    options = fields.get("options", JUDGE_OPTIONS if kind == "judge" else question.options)
    answer = sorted(fields.get("answer", question.answer))
    _check(kind, options, answer)
    for key, value in fields.items():
        setattr(question, key, value)
    question.options, question.answer = list(options), answer
    db.session.commit()
    return question


def full_view(question):
    """A question with its key: for the bank's managers only."""
    return {"id": question.id, "kind": question.kind, "topic": question.topic, "difficulty": question.difficulty,
            "stem": question.stem, "options": list(question.options), "answer": list(question.answer),
            "explanation": question.explanation, "source": question.source, "is_active": question.is_active}
