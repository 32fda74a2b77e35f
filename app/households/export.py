"""The households a person may read, as an XLSX workbook (one row per member).
Every household written is a read: the route audits each one."""
from io import BytesIO

from openpyxl import Workbook

HEADERS = ("网格", "地址", "姓名", "与户主关系", "年龄段", "电话", "联户党员", "最近联系")


def workbook(views):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("联户家庭")
    sheet.append(HEADERS)
    for view in views:
        member_name = (view["pairing"] or {}).get("party_member") or {}
        last = view["last_contact_on"].isoformat() if view["last_contact_on"] else ""
        for member in view["members"] or [None]:
            sheet.append([view["grid"]["name"], view["address"],
                          member["name"] if member else "", member["relation_label"] if member else "",
                          (member or {}).get("age_band_label") or "", (member or {}).get("phone") or "",
                          member_name.get("name") or "", last])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
