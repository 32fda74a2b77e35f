"""The bank: the import is all or nothing with every row's errors, a dry run
writes nothing, importing again changes nothing; the demo's 百年党史 bank
passes the same checks; the API refuses a malformed question."""
import pytest
from openpyxl import Workbook

from app.extensions import db
from app.models import Question
from app.quiz import importer, sample
from tests.factories import auth_headers, grant, make_user
from app.auth import roles

HEADER = ["题型", "主题", "难度", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处"]


def workbook(tmp_path, rows, name="bank.xlsx"):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


GOOD = [["单选", "建党伟业", "易", "中共一大于哪一年召开？", "1919年", "1920年", "1921年", "1922年", "C", "1921年7月在上海开幕。", "《中国共产党简史》"],
        ["多选", "新时代", "中", "“四风”包括？", "形式主义", "官僚主义", "享乐主义", "奢靡之风", "ABCD", "四风的内容。", None],
        ["判断", "长征", "难", "遵义会议召开于1935年1月。", None, None, None, None, "正确", "1935年1月在遵义召开。", None]]


def run(app, *args):
    return app.test_cli_runner().invoke(args=["jusha", "import-questions", *map(str, args)])


def count():
    db.session.expire_all()
    return db.session.execute(db.select(db.func.count()).select_from(Question)).scalar_one()


def test_import_is_all_or_nothing_with_a_dry_run_and_every_rows_error(app, ctx, tmp_path):
    bad = GOOD + [["单选", "长征", "很难", "红军长征开始于？", "1934年", None, "1936年", None, "E", "", None],
                  ["多选", "新时代", "中", "“四风”包括？", "甲", "乙", None, None, "A", "重复的题干", None]]
    result = run(app, workbook(tmp_path, bad))
    assert result.exit_code != 0 and count() == 0
    for expected in ("第 5 行「难度」", "第 5 行「选项B」", "第 5 行「解析」：必填项", "第 6 行「题干」：与第 3 行重复",
                     "第 6 行「答案」：多选题至少有两个正确答案"):
        assert expected in result.output, result.output
    dry = run(app, workbook(tmp_path, GOOD), "--dry-run")
    assert dry.exit_code == 0 and "试导入（未写入）：新增 3 题" in dry.output and count() == 0
    done = run(app, workbook(tmp_path, GOOD))
    assert done.exit_code == 0 and "新增 3 题" in done.output and count() == 3
    judged = db.session.execute(db.select(Question).filter_by(kind="judge")).scalar_one()
    assert (judged.options, judged.answer) == (["正确", "错误"], [0])
    again = run(app, workbook(tmp_path, GOOD))
    assert "新增 0 题，更新 0 题，未变 3 题" in again.output and count() == 3


def test_the_demo_bank_is_real_and_importable(app, ctx, tmp_path):
    records = sample.records()
    questions = importer.rows_from_records(records)
    assert len(questions) >= 100
    assert {q["kind"] for q in questions} == {"single", "multiple", "judge"}
    assert len({q["topic"] for q in questions}) >= 6
    assert all(q["explanation"] and q["source"] for q in questions)
    path = tmp_path / "demo.xlsx"
    sample.write(path)
    assert run(app, path).exit_code == 0 and count() == len(questions)


@pytest.mark.parametrize("body, field", [
    ({"kind": "single", "options": ["甲", "乙"], "answer": [0, 1]}, "answer"),
    ({"kind": "multiple", "options": ["甲", "甲", "乙"], "answer": [0, 2]}, "options"),
    ({"kind": "judge", "options": [], "answer": [2]}, "answer"),
])
def test_a_malformed_question_is_refused_in_chinese(client, body, field):
    office = grant(make_user(), roles.LECTURE_OFFICE)
    full = {"topic": "长征", "difficulty": "easy", "stem": "一道格式不对的题目", "explanation": "解析", **body}
    answer = client.post("/api/v1/quiz/questions", json=full, headers=auth_headers(office))
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["error"]["details"]["json"]
