"""``flask jusha import-grids``: every feature checked, errors in Chinese,
nothing written on any error, re-runs redraw by name."""
import json

from app.extensions import db
from app.models import AuditLog, Grid
from tests.factories import make_community
from tests.grids.conftest import make_grid, square


def run(app, *args):
    return app.test_cli_runner().invoke(args=["jusha", "import-grids", *map(str, args)])


def feature(name, geometry, code=None):
    properties = {"name": name} if name else {}
    if code:
        properties["code"] = code
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write(tmp_path, features):
    path = tmp_path / "grids.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return path


def grids_of(community):
    db.session.expire_all()
    return {g.name: g for g in db.session.execute(db.select(Grid).where(Grid.community_id == community.id)).scalars()}


def test_every_error_is_reported_and_nothing_is_imported(app, ctx, tmp_path):
    qige = make_community("七格社区", "qige")
    make_grid(qige, "老网格", square(120.40, 30.30))
    open_ring = square(120.33, 30.30)
    open_ring["coordinates"][0].pop()
    path = write(tmp_path, [
        feature("第一网格", square(120.30, 30.30)),
        feature("第二网格", square(120.305, 30.305)),       # overlaps 第一网格
        feature("", square(120.32, 30.30)),                  # no name
        feature("第三网格", open_ring),                      # not closed
        feature("第四网格", square(120.405, 30.305)),       # overlaps the community's 老网格
        feature("第五网格", {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}),
    ])
    result = run(app, path, "--community", "七格社区")
    assert result.exit_code == 1
    for words in ("第 3 个网格：缺少 name", "第 4 个网格「第三网格」：边界未闭合", "不在中国境内",
                  "网格「第一网格」与文件中的网格「第二网格」重叠", "网格「第四网格」与社区现有网格「老网格」重叠",
                  "5 处错误，未导入任何网格"):
        assert words in result.output, result.output
    assert set(grids_of(qige)) == {"老网格"}


def test_a_dry_run_writes_nothing_and_a_rerun_redraws_by_name(app, ctx, tmp_path):
    qige = make_community("七格社区", "qige")
    path = write(tmp_path, [feature("第一网格", square(120.30, 30.30), code="QG-01"),
                            feature("第二网格", square(120.31, 30.30))])
    dry = run(app, path, "--community", "qige", "--dry-run")
    assert dry.exit_code == 0 and "试导入（未写入）：七格社区 新增 2 个网格" in dry.output
    assert grids_of(qige) == {}

    assert "导入完成：七格社区 新增 2 个网格" in run(app, path, "--community", "qige").output
    first_id = grids_of(qige)["第一网格"].id
    assert grids_of(qige)["第一网格"].code == "QG-01"

    path = write(tmp_path, [feature("第一网格", square(120.30, 30.30, size=0.005), code="QG-01"),
                            feature("第二网格", square(120.31, 30.30))])
    again = run(app, path, "--community", "qige")
    assert "新增 0 个网格，更新 1 个，未变 1 个" in again.output, again.output
    grids = grids_of(qige)
    assert grids["第一网格"].id == first_id and grids["第一网格"].max_lat == 30.305
    assert db.session.execute(db.select(db.func.count()).where(AuditLog.action == "grid.import")).scalar_one() == 2
    assert "找不到社区「无此社区」" in run(app, path, "--community", "无此社区").output
