"""Demo 党员联户 in 滟澜社区 (where the seed's 联户证 comes from): two grids
(found by community and name, created when the patrols demo has not made
them), a party branch with two confirmed party members, a grid worker, and
households of made-up people paired with the members, with visits (one
household overdue, one visit turned into a need). Running it twice adds
nothing: households are found by grid and address, visits by household and day."""
from datetime import timedelta

from app.auth import grants, roles
from app.extensions import db
from app.households import service
from app.localtime import local_date
from app.models import (
    Community,
    Grid,
    Household,
    HouseholdMember,
    HouseholdPairing,
    HouseholdVisit,
    PartyBranch,
    PartyMembership,
    User,
    utcnow,
)

COMMUNITY = "yanlan"
GRIDS = [("滟澜第一网格", "yanlan-g1"), ("滟澜第二网格", "yanlan-g2")]
BRANCH = "滟澜社区第一党支部"
# (openid, name): made-up party members and the grid worker of grid 1
MEMBERS = [("demo-party-yanlan-1", "周建华"), ("demo-party-yanlan-2", "吴秀兰")]
GRID_WORKER = ("demo-grid-yanlan", "滟澜网格员孙晓")
# (grid index, address, member index or None, [(name, relation, age band, phone)], notes,
#  [(days ago, kind, discussed, needs found)])
HOUSEHOLDS = [
    (0, "滟澜苑 3 幢 2 单元 501", 0, [("陈桂英", "head", "elderly", "13700001111")], "独居老人，腿脚不便",
     [(12, "visit", "上门问候，帮老人整理药盒", "卫生间需要加装扶手")]),
    (0, "滟澜苑 3 幢 1 单元 302", 0, [("林志强", "head", "adult", "13700002222"), ("林晓雨", "child", "child", None)],
     None, [(5, "call", "电话了解孩子暑期托管需求", None)]),
    (0, "滟澜苑 5 幢 101", 0, [("何美玲", "head", "senior", "13700003333"), ("何国平", "spouse", "senior", None)],
     "空巢老人", [(45, "visit", "上门走访，老人身体尚可", None)]),
    (1, "滟澜花园 8 幢 1202", 1, [("郑小燕", "head", "youth", "13700004444")], "新迁入住户",
     [(3, "wechat", "微信介绍社区志愿服务和市民公益日", None)]),
    (1, "滟澜花园 9 幢 603", 1, [("黄德胜", "head", "elderly", "13700005555")], "行动不便，需定期探望", []),
    (1, "滟澜花园 10 幢 204", None, [("邵丽华", "head", "adult", "13700006666")], None, []),
]
NEED = {"title": "独居老人卫生间加装扶手", "kind": "volunteers", "service": "适老化改造"}


def _grid(community, number, name, code):
    """The community's ``number``-th grid as the grids demo drew it (it runs
    first); a grid of this demo's own only when the community has none."""
    drawn = db.session.execute(db.select(Grid).filter_by(community_id=community.id).order_by(Grid.id)).scalars().all()
    if len(drawn) >= number:
        return drawn[number - 1]
    grid = db.session.execute(db.select(Grid).filter_by(community_id=community.id, name=name)).scalar_one_or_none()
    if grid is None:
        grid = Grid(community_id=community.id, name=name, code=code)
        db.session.add(grid)
        db.session.flush()
    return grid


def _person(openid, name, community):
    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None:
        user = User(openid=openid, name=name, community_id=community.id)
        db.session.add(user)
        db.session.flush()
    return user


def _party_member(openid, name, community, branch):
    user = _person(openid, name, community)
    if db.session.execute(db.select(PartyMembership).filter_by(user_id=user.id)).scalar_one_or_none() is None:
        db.session.add(PartyMembership(user_id=user.id, branch_id=branch.id, status="confirmed"))
    return user


def seed_households():
    community = db.session.execute(db.select(Community).filter_by(code=COMMUNITY)).scalar_one()
    grids = [_grid(community, number, name, code) for number, (name, code) in enumerate(GRIDS, start=1)]
    branch = db.session.execute(db.select(PartyBranch).filter_by(name=BRANCH)).scalar_one_or_none()
    if branch is None:
        branch = PartyBranch(name=BRANCH, community_id=community.id)
        db.session.add(branch)
        db.session.flush()
    members = [_party_member(openid, name, community, branch) for openid, name in MEMBERS]
    worker = _person(*GRID_WORKER, community)
    db.session.commit()
    grants.give(worker, roles.GRID_WORKER, roles.GRID, grids[0].id, actor_label="demo")
    now, added = utcnow(), 0
    for grid_index, address, member_index, people, notes, visits in HOUSEHOLDS:
        grid = grids[grid_index]
        household = db.session.execute(db.select(Household).filter_by(grid_id=grid.id, address=address)
                                       ).scalar_one_or_none()
        if household is None:
            household = Household(grid_id=grid.id, community_id=community.id, address=address, notes=notes,
                                  created_at=now - timedelta(days=90))
            household.members = [HouseholdMember(position=i, name=n, relation=r, age_band=a, phone=p)
                                 for i, (n, r, a, p) in enumerate(people)]
            db.session.add(household)
            db.session.flush()
            added += 1
        if member_index is not None and service.open_pairing(household.id) is None:
            db.session.add(HouseholdPairing(household_id=household.id, party_member_id=members[member_index].id,
                                            started_at=now - timedelta(days=80)))
        db.session.commit()
        for days_ago, kind, discussed, found in visits:
            day = local_date(now - timedelta(days=days_ago))
            if db.session.execute(db.select(HouseholdVisit.id).filter_by(household_id=household.id, visited_on=day)
                                  ).first() is not None:
                continue
            service.log_visit(members[member_index], household, visited_on=day, kind=kind, discussed=discussed,
                              needs_found=found, need=NEED if found else None, now=now)
    return f"households: {added} new in 滟澜社区 ({len(HOUSEHOLDS)} in all), party members " \
           f"{', '.join(m[0] for m in MEMBERS)}, grid worker {GRID_WORKER[0]}"
