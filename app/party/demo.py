"""Demo party members: community and unit branches, members in every
status (the history's volunteers, so their lectures and hours from
app/cli/demo_history.py fill their learning records), 铭和社区党委's
secretary as its branch organiser, service posts in 铭和 and 柠檬 and two
在职党员 reported to them. Running it twice adds nothing."""
from datetime import date, timedelta

from sqlalchemy import select

from app.auth import grants, roles
from app.extensions import db
from app.models import (
    Community,
    MemberUnit,
    PartyBranch,
    PartyMembership,
    PartyReport,
    ServicePost,
    User,
    utcnow,
)

SECRETARY = "demo-branch-secretary"  # 铭和社区党委刘书记, in app/cli/demo.py's PEOPLE
# (name, kind, community code or member unit name)
BRANCHES = [
    ("铭和社区党委", "community", "minghe"),
    ("柠檬社区党总支", "community", "ningmeng"),
    ("智格社区党支部", "community", "zhige"),
    ("下沙中学党支部", "unit", "下沙中学"),
    ("下沙供电所党支部", "unit", "下沙供电所"),
]
# (openid, branch, status, in service at unit, joined, reason)
MEMBERS = [
    ("demo-volunteer", "铭和社区党委", "confirmed", "下沙供电所", date(2012, 7, 1), None),
    ("demo-history-1", "铭和社区党委", "confirmed", None, date(1985, 6, 20), None),
    ("demo-history-2", "下沙中学党支部", "confirmed", "下沙中学", date(2016, 5, 4), None),
    ("demo-history-3", "柠檬社区党总支", "pending", "钱塘区人民医院", date(2019, 7, 1), None),
    ("demo-history-4", "智格社区党支部", "rejected", None, date(2001, 10, 1), "支部花名册中未找到，请核对所在党组织后重新申报"),
    ("demo-history-5", "铭和社区党委", "left", None, date(2008, 3, 15), "组织关系转往杭州市上城区"),
    ("demo-resident", "铭和社区党委", "pending", None, date(1978, 9, 1), None),
]
# (community code, post, description, capacity)
POSTS = [
    ("minghe", "楼道长", "联系本楼道居民，收集需求，传达通知", 20),
    ("minghe", "助老服务", "陪伴独居老人，协助就医和采购", None),
    ("minghe", "文明劝导", "市民公益日和重大活动时的文明引导", 10),
    ("minghe", "垃圾分类督导", "早晚高峰在投放点督导分类", 8),
    ("ningmeng", "助老服务", "陪伴独居老人，协助就医和采购", None),
    ("ningmeng", "政策宣讲", "向居民宣讲惠民政策和党的理论", 5),
]
# (openid, community code, posts, note)
REPORTS = [
    ("demo-volunteer", "minghe", ("楼道长", "助老服务"), "周末和晚上有空，可以上门服务"),
    ("demo-history-2", "ningmeng", ("政策宣讲",), "中学教师，可以做政策和党史宣讲"),
]


def _one(model, **lookup):
    return db.session.execute(select(model).filter_by(**lookup)).scalar_one_or_none()


def seed_party():
    communities = {c.code: c for c in db.session.execute(select(Community)).scalars()}
    branches = {}
    for name, kind, home in BRANCHES:
        branch = _one(PartyBranch, name=name)
        if branch is None:
            branch = PartyBranch(name=name, kind=kind)
            if kind == "community":
                branch.community_id = communities[home].id
            else:
                branch.member_unit_id = _one(MemberUnit, name=home).id
            db.session.add(branch)
            db.session.flush()
        branches[name] = branch
    db.session.commit()
    secretary = _one(User, openid=SECRETARY)
    if secretary is not None:  # giving a grant already held returns the live one
        grants.give(secretary, roles.BRANCH_ORGANISER, roles.PARTY_BRANCH, branches["铭和社区党委"].id,
                    actor_label="demo")
    now = utcnow()
    made = 0
    for openid, branch, status, unit, joined, reason in MEMBERS:
        person = _one(User, openid=openid)
        if person is None or _one(PartyMembership, user_id=person.id) is not None:
            continue
        reviewed = status != "pending"
        db.session.add(PartyMembership(
            user_id=person.id, branch_id=branches[branch].id, status=status, joined_on=joined,
            in_service=unit is not None, work_unit_id=_one(MemberUnit, name=unit).id if unit else None,
            reviewed_by_id=secretary.id if reviewed and secretary else None,
            reviewed_at=now - timedelta(days=30) if reviewed else None, review_reason=reason))
        made += 1
    posts = {}
    for code, name, description, capacity in POSTS:
        post = _one(ServicePost, community_id=communities[code].id, name=name)
        if post is None:
            post = ServicePost(community_id=communities[code].id, name=name, description=description,
                               capacity=capacity)
            db.session.add(post)
            db.session.flush()
        posts[(code, name)] = post
    for openid, code, chosen, note in REPORTS:
        person = _one(User, openid=openid)
        if person is None or _one(PartyReport, user_id=person.id, community_id=communities[code].id) is not None:
            continue
        db.session.add(PartyReport(user_id=person.id, community_id=communities[code].id, note=note,
                                   reported_at=now - timedelta(days=60), posts=[posts[(code, n)] for n in chosen]))
    db.session.commit()
    return (f"party: {len(BRANCHES)} branches, {made} new memberships (every status), {len(POSTS)} service posts, "
            f"{len(REPORTS)} 在职党员 reported; branch organiser {SECRETARY}")
