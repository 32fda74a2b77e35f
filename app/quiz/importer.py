"""The lecture office's spreadsheet of questions, read, checked and loaded whole.

Columns (first row, any order; * required): 题型* (单选/多选/判断), 主题*,
难度* (易/中/难), 题干*, 选项A … 选项F (判断题 leaves them empty), 答案*
(letters such as A or ACD; 判断题: 正确/错误 or 对/错), 解析*, 出处.
Every row is checked before anything is written; any error and nothing is
written (``ImportRefused`` carries every error as (row, column, reason)). A
question whose 题干 exists already is updated, so importing again changes
nothing new. The demo's bank (app/quiz/data/questions.json) goes through the
same checks (``rows_from_records``) and ``python -m app.quiz.sample`` writes
it as a workbook for this command.
"""
from dataclasses import dataclass, field

from openpyxl import load_workbook

from app.extensions import db
from app.models import Question
from app.quiz.bank import DIFFICULTY_LABELS, JUDGE_OPTIONS, KIND_LABELS, LETTERS, problems
from app.units.importer import ImportRefused, RowError, _text

OPTION_COLUMNS = tuple(f"选项{letter}" for letter in LETTERS)
COLUMNS = ("题型", "主题", "难度", "题干", *OPTION_COLUMNS, "答案", "解析", "出处")
REQUIRED = ("题型", "主题", "难度", "题干", "答案", "解析")
LENGTHS = {"主题": 32, "题干": 500, "出处": 255, "解析": 2000, **{c: 200 for c in OPTION_COLUMNS}}
KIND_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}
KIND_BY_LABEL.update({"单选": "single", "多选": "multiple", "判断": "judge"})
DIFFICULTY_BY_LABEL = {label: key for key, label in DIFFICULTY_LABELS.items()}
DIFFICULTY_BY_LABEL.update({"容易": "easy", "中等": "medium", "困难": "hard", "较难": "hard"})
JUDGE_ANSWERS = {"正确": 0, "对": 0, "√": 0, "A": 0, "错误": 1, "错": 1, "×": 1, "B": 1}

__all__ = ("ImportRefused", "RowError", "read", "rows_from_records", "apply")


@dataclass
class Summary:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def _check_row(number, cells, errors):
    """The question's fields from one row's cells, or None (errors appended)."""
    before = len(errors)

    def text(column):
        value = _text(cells.get(column))
        if value is None and column in REQUIRED:
            errors.append(RowError(number, column, "必填项"))
        elif value is not None and len(value) > LENGTHS.get(column, 10_000):
            errors.append(RowError(number, column, f"长度不能超过 {LENGTHS[column]} 个字"))
            return None
        return value

    kind_label, difficulty_label = text("题型"), text("难度")
    kind = KIND_BY_LABEL.get(kind_label) if kind_label else None
    if kind_label and kind is None:
        errors.append(RowError(number, "题型", f"「{kind_label}」不是可选值，请填写：单选、多选、判断"))
    difficulty = DIFFICULTY_BY_LABEL.get(difficulty_label) if difficulty_label else None
    if difficulty_label and difficulty is None:
        errors.append(RowError(number, "难度", f"「{difficulty_label}」不是可选值，请填写：易、中、难"))
    fields = {"kind": kind, "difficulty": difficulty, "topic": text("主题"), "stem": text("题干"),
              "explanation": text("解析"), "source": text("出处")}
    letters = [_text(cells.get(c)) for c in OPTION_COLUMNS]
    answer_text = (text("答案") or "").upper().replace(",", "").replace("，", "").replace(" ", "")
    if kind == "judge":
        options = list(JUDGE_OPTIONS)
        answer = [JUDGE_ANSWERS[answer_text]] if answer_text in JUDGE_ANSWERS else []
    else:
        while letters and letters[-1] is None:
            letters.pop()
        if None in letters:
            errors.append(RowError(number, OPTION_COLUMNS[letters.index(None)], "选项须从 A 开始连续填写"))
        options = [o for o in letters if o is not None]
        answer = sorted(LETTERS.index(ch) for ch in set(answer_text) if ch in LETTERS)
        if any(ch not in LETTERS for ch in answer_text):
            answer = []
    if kind is not None and answer_text:
        for column, reason in problems(kind, options, answer):
            errors.append(RowError(number, "答案" if column == "answer" else "选项A", reason))
    if len(errors) > before:
        return None
    return dict(fields, options=options, answer=answer)


def _collect(records):
    """records: [(row number, {column: value})] → [fields]; ImportRefused on any error."""
    errors, found, seen = [], [], {}
    for number, cells in records:
        if all(_text(v) is None for v in cells.values()):
            continue
        fields = _check_row(number, cells, errors)
        stem = _text(cells.get("题干"))
        if stem is not None and stem in seen:
            errors.append(RowError(number, "题干", f"与第 {seen[stem]} 行重复"))
        elif stem is not None:
            seen[stem] = number
        if fields is not None:
            found.append(fields)
    if errors:
        raise ImportRefused(errors)
    if not found:
        raise ImportRefused([RowError(1, "表格", "没有题目")])
    return found


def read(path):
    """The questions of the workbook's first sheet; raises ImportRefused with every error."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused([RowError(0, "文件", f"无法读取为 Excel（.xlsx）文件：{exc.__class__.__name__}")]) from exc
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    if not rows:
        raise ImportRefused([RowError(1, "表头", "表格是空的")])
    header = [_text(cell) for cell in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused([RowError(1, c, "缺少这一列") for c in missing])
    index = {name: header.index(name) for name in COLUMNS if name in header}
    return _collect((number, {name: values[i] if i < len(values) else None for name, i in index.items()})
                    for number, values in enumerate(rows[1:], start=2))


def rows_from_records(records):
    """The same checks for records shaped as the spreadsheet's rows ({column: value})."""
    return _collect((number, record) for number, record in enumerate(records, start=2))


def apply(questions):
    """Write every question in the session's transaction (the caller commits,
    or rolls back for a dry run). Returns a Summary."""
    summary = Summary()
    existing = {q.stem: q for q in db.session.execute(
        db.select(Question).where(Question.stem.in_([f["stem"] for f in questions]))).scalars()}
    for fields in questions:
        question = existing.get(fields["stem"])
        if question is None:
            db.session.add(Question(is_active=True, **fields))
            summary.created.append(fields["stem"])
        elif any(getattr(question, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(question, key, value)
            summary.updated.append(fields["stem"])
        else:
            summary.unchanged.append(fields["stem"])
    db.session.flush()
    return summary
