"""``python -m app.quiz.sample questions.xlsx``: the demo's question bank
(app/quiz/data/questions.json, 百年党史) as a workbook in the layout
``flask jusha import-questions`` reads, so the bank and the import are one."""
import json
import sys
from pathlib import Path

from openpyxl import Workbook

DATA = Path(__file__).resolve().parent / "data" / "questions.json"


def records():
    return json.loads(DATA.read_text(encoding="utf-8"))


def write(path):
    from app.quiz.importer import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("题库")
    sheet.append(list(COLUMNS))
    for record in records():
        sheet.append([record.get(column) for column in COLUMNS])
    book.save(path)


if __name__ == "__main__":
    write(sys.argv[1] if len(sys.argv) > 1 else "questions.xlsx")
