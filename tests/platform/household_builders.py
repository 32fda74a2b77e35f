"""The 党员联户 part of the authorisation table's world and its request
builders: a grid of community A with a household paired with the volunteer
persona (a confirmed party member of community A's branch), the volunteer's
联户证 and a message a resident sent through it."""
from app.auth import roles
from app.extensions import db
from app.households import cards
from app.models import (
    ContactCard,
    ContactRequest,
    Grid,
    Household,
    HouseholdMember,
    HouseholdPairing,
    PartyBranch,
    PartyMembership,
)


def households_of_a(world):
    """Adds the household world to ``world.households`` (path parameters)."""
    a, volunteer = world.a, world.people["volunteer"]
    grid = Grid(community_id=a.id, name="七格联户网格", code="qige-hh-1")
    branch = PartyBranch(name="七格社区联户党支部", community_id=a.id)
    db.session.add_all([grid, branch])
    db.session.flush()
    # The volunteer is a confirmed party member (other areas' world may have made them one already).
    if db.session.execute(db.select(PartyMembership).filter_by(user_id=volunteer.id)).first() is None:
        db.session.add(PartyMembership(user_id=volunteer.id, branch_id=branch.id, status="confirmed"))
    household = Household(grid_id=grid.id, community_id=a.id, address="七格苑 2 幢 301", notes="空巢老人")
    household.members = [HouseholdMember(position=0, name="钱阿婆", relation="head", age_band="elderly",
                                         phone="13700009999")]
    db.session.add(household)
    db.session.flush()
    db.session.add(HouseholdPairing(household_id=household.id, party_member_id=volunteer.id))
    card = ContactCard(party_member_id=volunteer.id)
    db.session.add(card)
    db.session.flush()
    request = ContactRequest(card_id=card.id, party_member_id=volunteer.id, sender_id=world.people["resident"].id,
                             message="想咨询社区养老服务")
    db.session.add(request)
    db.session.commit()
    world.households.update(household_id=household.id, code=cards.code_of(card), request_id=request.id,
                            grid_id=grid.id)
    assert roles.GRID  # grid grants are given in tests/households (no persona holds one)


HOUSEHOLD_BUILDERS = {
    "household_in_a": lambda w, actor, wechat: {"json": {
        "grid_id": w.households["grid_id"], "address": "七格苑 5 幢 101",
        "members": [{"name": "吴大伯", "relation": "head", "age_band": "senior"}]}},
    "household_notes": lambda w, actor, wechat: {"json": {"notes": "已安装扶手"}},
    "pair_volunteer": lambda w, actor, wechat: {"json": {"party_member_id": w.people["volunteer"].id}},
    "visit": lambda w, actor, wechat: {"json": {"visited_on": "2026-11-30", "kind": "visit",
                                                "discussed": "上门了解老人近况"}},
    "card_message": lambda w, actor, wechat: {"json": {"message": "家里水管漏水，想请党员帮忙联系物业"}},
}
