"""Builders for the authorisation table's grid-governance rows not made on
demand: community A's 钱塘阿姨 case and 议事 topic, the volunteer's 随手拍 work
order in a grid of A, and valid bodies for their operations."""
from datetime import timedelta

from app.extensions import db
from app.models import (ConsultationComment, ConsultationOption, ConsultationTopic, MediationAssignment,
                        MediationCase, MediationParty, MediationSquad, utcnow)


def _visited(wechat, actor):
    """msgSecCheck wants its author to have opened the mini-program lately."""
    if actor is not None:
        wechat.login_code(openid=actor.openid)


def mediation_of_a(a, squad, volunteer, resident, organiser):
    """A's squad is its 钱塘阿姨 squad; the volunteer mediates A's case. A's
    open topic with a vote, and the resident's comment on it."""
    db.session.add(MediationSquad(community_id=a.id, team_id=squad.id))
    case = MediationCase(community_id=a.id, kind="neighbour", status="open")
    case.parties = [MediationParty(side="applicant", name="赵甲"), MediationParty(side="respondent", name="钱乙")]
    db.session.add(case)
    db.session.flush()
    db.session.add(MediationAssignment(case_id=case.id, user_id=volunteer.id))
    topic = ConsultationTopic(community_id=a.id, title="长廊加装座椅", description="请大家议一议", opened_by_id=organiser.id,
                              vote_closes_at=utcnow() + timedelta(days=3))
    topic.options = [ConsultationOption(position=0, label="同意"), ConsultationOption(position=1, label="不同意")]
    db.session.add(topic)
    db.session.flush()
    comment = ConsultationComment(topic_id=topic.id, author_id=resident.id, body="支持")
    db.session.add(comment)
    db.session.commit()
    return {"community_id": a.id, "case_id": case.id, "topic_id": topic.id, "comment_id": comment.id,
            "option_id": topic.options[0].id}


# The volunteer's 随手拍 report, in a grid of community A (a square around this point).
ORDER_POINT = (30.3005, 120.3505)


def add_a_work_order(world):
    from app.grids.geo import bounding_box, polygon_from_geojson
    from app.models import Grid
    from app.reports.service import file_report

    lat, lng = ORDER_POINT
    boundary = {"type": "Polygon", "coordinates": [[[lng - 0.005, lat - 0.005], [lng + 0.005, lat - 0.005],
                                                    [lng + 0.005, lat + 0.005], [lng - 0.005, lat + 0.005],
                                                    [lng - 0.005, lat - 0.005]]]}
    min_lat, max_lat, min_lng, max_lng = bounding_box(polygon_from_geojson(boundary))
    db.session.add(Grid(community_id=world.a.id, name="随手拍网格", code=f"{world.a.code}-reports",
                        boundary=boundary, min_lat=min_lat, max_lat=max_lat, min_lng=min_lng, max_lng=max_lng))
    world.work_order = file_report(world.people["volunteer"], category="facilities", description="路灯不亮",
                                   latitude=lat, longitude=lng)
    db.session.commit()
    world.alliance.update(work_order_id=world.work_order.id)


GRID_BUILDERS = {
    "report_in_a": lambda w, actor, wechat: {"json": {"category": "environment", "description": "垃圾桶满溢",
                                                      "latitude": ORDER_POINT[0], "longitude": ORDER_POINT[1]}},
    "order_reject": lambda w, actor, wechat: {"json": {"reason": "not_a_problem", "note": "已核实"}},
    "order_whistle": lambda w, actor, wechat: {"json": {"needed_by": (utcnow() + timedelta(hours=3)).isoformat(),
                                                        "to_all_units": True}},
    "order_need": lambda w, actor, wechat: {"json": {"kind": "professional", "service": "电路检修"}},
    "mediation_squad": lambda w, actor, wechat: {"json": {"team_id": w.squad.id}},
    "mediation_case": lambda w, actor, wechat: {"json": {
        "community_id": w.a.id, "kind": "noise", "parties": [{"name": "孙丙"}, {"name": "李丁", "side": "respondent"}]}},
    "mediation_assign": lambda w, actor, wechat: {"json": {"user_id": w.people["volunteer"].id}},
    "mediation_session": lambda w, actor, wechat: {"json": {"notes": "双方到场，各自陈述"}},
    "mediation_outcome": lambda w, actor, wechat: {"json": {"outcome": "not_settled", "note": "双方分歧较大"}},
    "mediation_follow_up": lambda w, actor, wechat: {"json": {"notes": "电话回访"}},
    "mediation_stats": lambda w, actor, wechat: {"query": {"community_id": w.a.id, "year": utcnow().year}},
    "topic_in_a": lambda w, actor, wechat: {"json": {"community_id": w.a.id, "title": "楼道停车议一议",
                                                     "description": "电动车楼道停放问题"}},
    "topic_comment": lambda w, actor, wechat: _visited(wechat, actor) or {"json": {"body": "同意加装"}},
    "topic_vote": lambda w, actor, wechat: {"json": {"option_id": w.mediation["option_id"]}},
    "topic_resolution": lambda w, actor, wechat: {"json": {"decision": "同意加装座椅", "actions": [
        {"what": "安装座椅", "assignee_kind": "text", "assignee_text": "物业服务中心"}]}},
}
