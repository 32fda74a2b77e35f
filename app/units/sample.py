"""A sample of the office's spreadsheet for ``flask jusha import-units``:
``python -m app.units.sample units.xlsx`` writes the header and three rows
to fill in (the tests build theirs with ``sample_workbook`` too)."""
import sys
from datetime import date

from openpyxl import Workbook

from app.units.importer import COLUMNS

SAMPLE_ROWS = [
    ("下沙中学", "学校", "街道级", None, "下沙中学党总支", "杭州市钱塘区下沙街道学林街 100 号", 30.3095, 120.3550,
     date(2020, 3, 1), None),
    ("邻里家电维修服务部", "两新组织", "社区级", "智格社区", "智格社区两新组织联合党支部", "杭州市钱塘区下沙街道文渊路 12 号",
     30.3021, 120.3412, "2021-05-10", None),
    ("下沙派出所", "机关", "街道级", None, "下沙派出所党支部", None, None, None, None, "13800000011"),
]


def sample_workbook(path, rows=SAMPLE_ROWS, columns=COLUMNS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "共建单位"
    sheet.append(list(columns))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


if __name__ == "__main__":
    print(sample_workbook(sys.argv[1] if len(sys.argv) > 1 else "units-sample.xlsx"))
