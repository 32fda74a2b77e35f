"""Rows for the browser tests: the demo data, and a busy morning on top."""
from datetime import timedelta

from app.cli.demo import seed_demo
from app.extensions import db
from app.models import Community, User
from tests.factories import make_checkin, make_event, make_user

TODAY = [
    ("共享党课：学习二十届三中全会精神", "lecture", "党群服务中心二楼"),
    ("市民公益日·关爱老人义诊", "volunteer_activity", "社区卫生服务站"),
    ("楼道清洁志愿服务", "volunteer_activity", "3幢楼道"),
    ("垃圾分类宣传", "volunteer_activity", "小区南门广场"),
    ("平安巡防", "volunteer_activity", "社区巡防站"),
    ("邻里议事会", "lecture", "议事长廊"),
    ("青少年暑期课堂", "lecture", "社区图书室"),
]


def busy_morning():
    """The demo, plus an event in every community that started an hour ago
    with a few check-ins. Returns (admin, {community name: event}, check-ins today)."""
    seed_demo()
    events, count = {}, 0
    communities = db.session.execute(db.select(Community).order_by(Community.id)).scalars().all()
    for n, (community, (title, kind, venue)) in enumerate(zip(communities, TODAY)):
        event = make_event(kind=kind, community=community, starts_in=-timedelta(hours=1), duration=timedelta(hours=3),
                           title=f"{title}", venue=f"{community.name}{venue}", scene=f"busy{n}",
                           latitude=community.latitude - 0.0035, longitude=community.longitude - 0.004)
        for _ in range(2 + 3 * (n % 4)):
            make_checkin(event, make_user(community=community), "in", at=event.starts_at + timedelta(minutes=n))
            count += 1
        events[community.name] = event
    admin = db.session.execute(db.select(User).filter_by(openid="demo-admin")).scalar_one()
    return admin, events, count
