"""Demo 随手拍 reports in every state across the demo communities, with
timelines spread over the past days, so ./scripts/dev shows a report filed,
accepted, worked, closed and rated, escalated by hand and by deadline,
raised as a need, rejected as a duplicate and reopened. Running it twice adds
nothing (each story is found by its source_ref). Its closes happened days
ago, so they send no closing notice.

Grids: the demo communities' grids are used when they have some (the
patrols area's demo adds them); a community without any gets two small
demo grids beside its office, so the stories always land in a grid. The
grid worker ``demo-grid-worker`` (网格员小周) works 铭和社区's first grid."""
from datetime import timedelta

from shapely.geometry import shape

from app.auth import grants, roles
from app.extensions import db
from app.grids.geo import bounding_box, polygon_from_geojson
from app.models import Community, Grid, User, WorkOrder, utcnow
from app.reports import alliance
from app.reports.moves import escalate_by_deadline, move
from app.reports.service import file_report

GRID_WORKER = ("demo-grid-worker", "网格员小周")
COMMUNITIES = ("minghe", "zhige", "ningmeng")


def _ago(days, hours=0):
    return utcnow() - timedelta(days=days, hours=hours)


def _person(openid):
    return db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one()


def _square(lng, lat, width=0.008, height=0.008):
    return {"type": "Polygon", "coordinates": [[[lng, lat], [lng + width, lat], [lng + width, lat + height],
                                                [lng, lat + height], [lng, lat]]]}


def grids_of(community):
    """The community's grids, oldest first; two demo grids beside its office when it has none."""
    found = db.session.execute(db.select(Grid).filter_by(community_id=community.id).order_by(Grid.id)).scalars().all()
    if found:
        return found
    lat, lng = community.latitude - 0.004, community.longitude - 0.008
    for n, corner in enumerate(((lng, lat), (lng + 0.008, lat)), start=1):
        boundary = _square(*corner)
        min_lat, max_lat, min_lng, max_lng = bounding_box(polygon_from_geojson(boundary))
        db.session.add(Grid(community_id=community.id, name=f"{community.name}第{'一二'[n - 1]}网格",
                            code=f"{community.code}-demo-{n}", boundary=boundary, min_lat=min_lat, max_lat=max_lat,
                            min_lng=min_lng, max_lng=max_lng))
    db.session.commit()
    return grids_of(community)


def _inside(grid):
    point = shape(grid.boundary).representative_point()
    return point.y, point.x


def seed_reports():
    communities = {code: db.session.execute(db.select(Community).filter_by(code=code)).scalar_one()
                   for code in COMMUNITIES}
    grids = {code: grids_of(c) for code, c in communities.items()}
    worker = db.session.execute(db.select(User).filter_by(openid=GRID_WORKER[0])).scalar_one_or_none()
    if worker is None:
        worker = User(openid=GRID_WORKER[0], name=GRID_WORKER[1], community_id=communities["minghe"].id)
        db.session.add(worker)
        db.session.commit()
    grants.give(worker, roles.GRID_WORKER, roles.GRID, grids["minghe"][0].id, actor_label="demo")
    db.session.commit()
    p = {"admin": _person("demo-admin"), "minghe": _person("demo-organiser-minghe"),
         "ningmeng": _person("demo-organiser-ningmeng"), "chen": _person("demo-resident"),
         "liu": _person("demo-resident-2"), "zhang": _person("demo-volunteer"), "worker": worker}
    made = [story(grids, communities, p) for story in STORIES if not _told(story)]
    total = db.session.execute(db.select(db.func.count()).select_from(WorkOrder)).scalar()
    return (f"随手拍 work orders: {total} ({len(made)} new) in every state; grid worker {GRID_WORKER[0]} "
            f"for {grids['minghe'][0].name}")


def _told(story):
    return db.session.execute(db.select(WorkOrder.id).filter_by(source_ref=f"demo:{story.__name__}")).scalar() \
        is not None


def _file(story, grid, reporter, days_ago, category, description, place, point=None):
    latitude, longitude = point or _inside(grid)
    order = file_report(reporter, category=category, description=description, latitude=latitude,
                        longitude=longitude, place=place, source_ref=f"demo:{story.__name__}", now=_ago(days_ago))
    db.session.commit()
    return order


def lamp_closed(g, c, p):
    """铭和 grid 1: filed, accepted, worked, closed with evidence and rated 5 stars (小事不出网格)."""
    order = _file(lamp_closed, g["minghe"][0], p["chen"], 6, "facilities", "3 幢门口路灯不亮，晚上很黑", "3 幢门口")
    move(p["worker"], order.id, "accept", now=_ago(6, -1))
    move(p["worker"], order.id, "progress", note="已联系物业电工", now=_ago(5, 20))
    move(p["worker"], order.id, "close", note="更换灯泡，路灯已恢复", now=_ago(5, 18), notify=False)
    move(p["chen"], order.id, "rate", rating=5, note="第二天就修好了", now=_ago(5))
    return order


def bins_closed(g, c, p):
    """铭和 grid 1: closed yesterday, waiting for the reporter's rating (7 days to reopen)."""
    order = _file(bins_closed, g["minghe"][0], p["zhang"], 2, "environment", "垃圾分类亭满溢，异味很重", "北门垃圾亭")
    move(p["worker"], order.id, "accept", now=_ago(2, -1))
    move(p["worker"], order.id, "close", note="已协调清运公司加运一次", now=_ago(1), notify=False)
    return order


def parking_submitted(g, c, p):
    """铭和 grid 1: just filed, waiting for the grid (待受理)."""
    return _file(parking_submitted, g["minghe"][0], p["chen"], 0, "parking", "电动车堵住消防通道", "5 幢消防通道")


def bench_in_progress(g, c, p):
    """铭和 grid 2: accepted and in progress."""
    order = _file(bench_in_progress, g["minghe"][-1], p["zhang"], 1, "facilities", "小公园长椅断裂，容易伤人", "小公园")
    move(p["minghe"], order.id, "accept", now=_ago(1, -2))
    move(p["minghe"], order.id, "progress", note="已拉警戒带，等待更换", now=_ago(0, 6))
    return order


def tree_accepted(g, c, p):
    """智格 grid 1: accepted, not started."""
    order = _file(tree_accepted, g["zhige"][0], p["liu"], 1, "greenery", "台风后大树倾斜，压到围墙", "6 幢旁")
    move(p["admin"], order.id, "accept", note="街道协调园林所", now=_ago(0, 20))
    return order


def pipe_need(g, c, p):
    """智格 grid 1: escalated by the grid to the community, which raised it as a need for the alliance."""
    order = _file(pipe_need, g["zhige"][0], p["liu"], 4, "safety", "楼道电线老化裸露，有安全隐患", "5 幢楼道")
    move(p["admin"], order.id, "escalate", note="需专业电工，网格无法处理", now=_ago(4, -2))
    alliance.need_for(p["admin"], order.id, {"kind": "professional", "service": "电路检修"}, now=_ago(3))
    return order


def noise_overdue(g, c, p):
    """柠檬: nobody answered in time — climbed to the community, then the office, by deadline."""
    order = _file(noise_overdue, g["ningmeng"][0], p["chen"], 12, "noise", "夜间施工噪音扰民", "柠檬社区南侧工地")
    escalate_by_deadline(db.session.get(WorkOrder, order.id), _ago(10))
    escalate_by_deadline(db.session.get(WorkOrder, order.id), _ago(6))
    return order


def duplicate_rejected(g, c, p):
    """铭和 grid 1: the same lamp reported twice — rejected as a duplicate."""
    first = db.session.execute(db.select(WorkOrder).filter_by(source_ref="demo:lamp_closed")).scalar_one()
    order = _file(duplicate_rejected, g["minghe"][0], p["zhang"], 6, "facilities", "3 幢路灯坏了", "3 幢")
    move(p["worker"], order.id, "reject", reject_reason="duplicate", duplicate_of_id=first.id,
         note="与 3 幢门口路灯为同一问题", now=_ago(5, 23))
    return order


def manhole_reopened(g, c, p):
    """智格: closed, then reopened by the reporter (the cover rattles again)."""
    order = _file(manhole_reopened, g["zhige"][-1], p["liu"], 5, "safety", "井盖松动，车辆经过响声很大", "东门路口")
    move(p["admin"], order.id, "accept", now=_ago(5, -1))
    move(p["admin"], order.id, "close", note="已加固井盖", now=_ago(4), notify=False)
    move(p["liu"], order.id, "reopen", note="今天又开始响了", now=_ago(1))
    return order


def outside_grids(g, c, p):
    """Beside 智格's office but outside every grid: the community triages it."""
    office = c["zhige"]
    return _file(outside_grids, None, p["liu"], 0, "other", "河边护栏缺失一段", "沿江步道",
                 point=(office.latitude + 0.006, office.longitude))


STORIES = [lamp_closed, bins_closed, parking_submitted, bench_in_progress, tree_accepted, pipe_need, noise_overdue,
           duplicate_rejected, manhole_reopened, outside_grids]
