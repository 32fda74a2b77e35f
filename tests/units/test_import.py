"""``flask jusha import-units``: every row checked first, a report of every
error (row, column, Chinese reason), nothing written on any error or in a
dry run, and a second run updates by name instead of duplicating."""
from datetime import date

from app.auth import roles
from app.extensions import db
from app.models import MemberUnit, RoleGrant, UnitStatusChange
from app.units.importer import COLUMNS
from app.units.sample import SAMPLE_ROWS, sample_workbook
from tests.factories import make_community, make_user


def run(app, *args):
    return app.test_cli_runner().invoke(args=["jusha", "import-units", *map(str, args)])


def units():
    db.session.expire_all()
    return {u.name: u for u in db.session.execute(db.select(MemberUnit)).scalars()}


def test_the_sample_imports_whole_and_a_second_run_changes_nothing_new(app, ctx, tmp_path):
    make_community("智格社区")
    contact = make_user(name="派出所王警官", phone="13800000011")
    path = sample_workbook(tmp_path / "units.xlsx")
    result = run(app, path)
    assert result.exit_code == 0, result.output
    assert "新增 3 家" in result.output and "授权联络人 1 人" in result.output
    found = units()
    school = found["下沙中学"]
    assert (school.kind, school.level, school.latitude, school.joined_on) == ("school", "subdistrict", 30.3095,
                                                                           date(2020, 3, 1))
    repair = found["邻里家电维修服务部"]
    assert (repair.kind, repair.level, repair.community.name, repair.joined_on) == \
        ("two_new", "community", "智格社区", date(2021, 5, 10))
    granted = db.session.execute(db.select(RoleGrant).filter_by(user_id=contact.id, role=roles.UNIT_CONTACT)).scalar_one()
    assert granted.scope_id == found["下沙派出所"].id
    assert db.session.execute(db.select(db.func.count(UnitStatusChange.id))).scalar() == 3

    again = run(app, path)
    assert again.exit_code == 0 and "新增 0 家" in again.output and "未变 3 家" in again.output
    assert len(units()) == 3
    assert db.session.execute(db.select(db.func.count(RoleGrant.id))).scalar() == 1

    changed = [list(r) for r in SAMPLE_ROWS]
    changed[0][4] = "下沙中学党委"
    rerun = run(app, sample_workbook(tmp_path / "v2.xlsx", changed))
    assert "更新 1 家" in rerun.output and units()["下沙中学"].party_org_name == "下沙中学党委"


def test_a_dry_run_writes_nothing(app, ctx, tmp_path):
    make_community("智格社区")
    make_user(phone="13800000011")
    result = run(app, sample_workbook(tmp_path / "units.xlsx"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "试导入（未写入）：新增 3 家" in result.output
    assert units() == {}
    assert db.session.execute(db.select(db.func.count(RoleGrant.id))).scalar() == 0


def test_every_error_is_reported_and_nothing_is_imported(app, ctx, tmp_path):
    make_community("智格社区")
    rows = [
        ("好单位", "学校", "街道级", None, None, None, None, None, None, None),
        ("坏类型", "银行", "街道级", None, None, None, None, None, None, None),
        ("缺社区", "学校", "社区级", None, None, None, None, None, None, None),
        ("巴黎", "学校", "街道级", None, None, None, 48.85, 2.35, None, None),
        ("半个坐标", "学校", "街道级", None, None, None, 30.3, None, "去年", "123"),
        ("好单位", "学校", "街道级", "不存在社区", None, None, None, None, None, None),
        (None, None, None, None, None, None, None, None, None, None),  # blank rows are skipped
    ]
    result = run(app, sample_workbook(tmp_path / "bad.xlsx", rows))
    assert result.exit_code != 0
    errors = [line for line in result.output.splitlines() if line.startswith("第 ")]
    assert "第 3 行「单位类型」：「银行」不是可选值" in result.output
    assert "第 4 行「所属社区」：社区级单位须填写所属社区" in result.output
    assert "第 5 行「经度」：须在 73 到 136 之间" in result.output
    assert "第 6 行「纬度」" not in result.output and "第 6 行「经度」：纬度和经度须同时填写" in result.output
    assert "第 6 行「加入日期」" in result.output and "第 6 行「联系人手机号」" in result.output
    assert "第 7 行「单位名称」：与第 2 行重复" in result.output and "第 7 行「所属社区」" in result.output
    assert len(errors) == 8, errors
    assert "未导入任何单位" in result.output
    assert units() == {}, "the good row is not imported either"


def test_a_missing_column_or_a_file_that_is_not_a_workbook(app, ctx, tmp_path):
    short = sample_workbook(tmp_path / "short.xlsx", rows=[("甲",)], columns=("单位名称",))
    result = run(app, short)
    assert result.exit_code != 0 and "第 1 行「单位类型」：缺少这一列" in result.output
    text = tmp_path / "units.xlsx"
    text.write_text("单位名称,单位类型\n", encoding="utf-8")
    result = run(app, text)
    assert result.exit_code != 0 and "无法读取为 Excel" in result.output
    assert units() == {}


def test_an_unknown_phone_is_reported_not_refused(app, ctx, tmp_path):
    rows = [("下沙派出所", "机关", "街道级", None, None, None, None, None, None, "13900000000")]
    result = run(app, sample_workbook(tmp_path / "units.xlsx", rows, COLUMNS))
    assert result.exit_code == 0, result.output
    assert "没有手机号为 13900000000 的用户" in result.output
    assert set(units()) == {"下沙派出所"}
