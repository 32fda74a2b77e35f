"""Demo 议事 in 新沙社区, under the 党建文化长廊: a topic being discussed, one
being voted on, one resolved with who does what. Each topic is found by
its title, so running it twice adds nothing. Comments are written as rows
here (a live comment goes through WeChat's content check)."""
from datetime import timedelta

from sqlalchemy import select

from app.consultations import service
from app.extensions import db
from app.models import Community, ConsultationComment, ConsultationTopic, MemberUnit, User, utcnow

STAFF, RESIDENT = "demo-organiser-xinsha", "demo-resident-xinsha"  # in app/cli/demo.py PEOPLE
CORRIDOR = "新沙社区党建文化长廊"


def _person(openid):
    return db.session.execute(select(User).filter_by(openid=openid)).scalar_one()


def _topic(staff, community, title, description, days_ago, **vote):
    found = db.session.execute(select(ConsultationTopic).filter_by(community_id=community.id, title=title)).scalar()
    if found is not None:
        return found, False
    now = utcnow() - timedelta(days=days_ago)
    body = {"community_id": community.id, "title": title, "description": description, "place": CORRIDOR,
            "options": vote.get("options", []), "results_live": vote.get("results_live", False),
            "vote_closes_at": now + timedelta(days=vote["days"]) if vote.get("options") else None}
    return service.open_topic(staff, body, now=now), True


def _say(topic, author, text, hours):
    db.session.add(ConsultationComment(topic_id=topic.id, author_id=author.id, body=text,
                                       created_at=topic.created_at + timedelta(hours=hours)))
    db.session.commit()


def seed_consultations():
    community = db.session.execute(select(Community).filter_by(code="xinsha")).scalar_one()
    staff, resident = _person(STAFF), _person(RESIDENT)
    talk, new = _topic(staff, community, "楼道堆物清理怎么办", "部分楼道堆放杂物，影响通行和消防安全。大家说说怎么清、清完怎么保持。", 2)
    if new:
        _say(talk, resident, "建议每个单元选一位楼道长，每月检查一次。", 3)
        _say(talk, staff, "好主意，欢迎大家报名当楼道长。", 5)
    vote, new = _topic(staff, community, "长廊下加装休息座椅", "不少老人在长廊下聊天议事，提议加装休息座椅，请大家投票。", 1,
                       options=["同意加装", "不同意", "换个位置加装"], days=6, results_live=True)
    if new:
        _say(vote, resident, "支持，老人可以歇歇脚。", 2)
        service.vote(resident, vote.id, vote.options[0].id, now=vote.created_at + timedelta(hours=2))
    done, new = _topic(staff, community, "小区电动车充电桩选址", "电动车进楼充电隐患大，议一议充电桩建在哪里。", 30,
                       options=["东门停车场", "3 号楼北侧空地"], days=7)
    if new:
        _say(done, resident, "东门离大部分楼近，方便。", 4)
        service.vote(resident, done.id, done.options[0].id, now=done.created_at + timedelta(days=1))
        unit = db.session.execute(select(MemberUnit).filter_by(name="下沙供电所")).scalar_one()
        service.resolve(staff, done.id, {"decision": "在东门停车场建设 20 个电动车充电桩，禁止电动车进楼充电。", "actions": [
            {"what": "充电桩线路勘察和安装", "assignee_kind": "unit", "assignee_unit_id": unit.id,
             "due_on": (done.created_at + timedelta(days=60)).date()},
            {"what": "楼道宣传和劝导", "assignee_kind": "person", "assignee_user_id": staff.id},
            {"what": "日常巡查", "assignee_kind": "text", "assignee_text": "新沙社区物业服务中心"}]},
            now=done.created_at + timedelta(days=8))
    total = db.session.execute(select(db.func.count()).select_from(ConsultationTopic)).scalar_one()
    return f"议事: {total} topics in {community.name} (discussing, voting, resolved)"
