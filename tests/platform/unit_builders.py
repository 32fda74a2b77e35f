"""Request builders for the units area's rows of the authorisation table:
each makes what its operation acts on (a resource, a project, a mandatory
project of the world's member unit, community A's unit) and a valid body."""
from app.extensions import db
from app.localtime import local
from app.models import MandatoryProject, ProjectMilestone, UnitProject, UnitResource, utcnow


def _year():
    return local(utcnow()).year


def _resource(w):
    row = UnitResource(unit_id=w.unit.id, kind="venue", title="下沙中学礼堂", capacity=300, capacity_unit="座")
    db.session.add(row)
    db.session.commit()
    return row.id


def _project(w, link_event=False):
    row = UnitProject(unit_id=w.unit.id, year=_year(), kind="optional", title="红色研学进社区", status="active")
    row.milestones = [ProjectMilestone(title="制定方案")]
    if link_event:
        row.events.append(w.event)
    db.session.add(row)
    db.session.commit()
    return row


def _mandatory(w):
    row = MandatoryProject(year=_year(), title="聚沙讲堂·共享党课")
    db.session.add(row)
    db.session.commit()
    return row.id


def _unit(w):
    return {"unit_id": w.unit.id}


def _with_project(body=None, link_event=False):
    def build(w, actor, wechat):
        project = _project(w, link_event)
        request = {"path": {"project_id": project.id, "milestone_id": project.milestones[0].id}}
        if body is not None:
            request["json"] = body(w) if callable(body) else body
        return request
    return build


UNIT_BUILDERS = {
    "unit_new": lambda w, actor, wechat: {"json": {"name": "钱塘区人民医院", "kind": "hospital", "level": "subdistrict"}},
    "unit_path": lambda w, actor, wechat: {"path": _unit(w)},
    "unit_profile": lambda w, actor, wechat: {"path": _unit(w), "json": {"introduction": "百年名校，联盟成员"}},
    "unit_status": lambda w, actor, wechat: {"path": _unit(w), "json": {"status": "suspended", "reason": "整改期间暂停"}},
    "unit_report": lambda w, actor, wechat: {"path": _unit(w), "query": {"year": _year()}},
    "unit_rating": lambda w, actor, wechat: {"path": _unit(w), "json": {"community_id": w.a.id, "stars": 4}},
    "resource_new": lambda w, actor, wechat: {"json": {"unit_id": w.unit.id, "kind": "venue", "title": "操场"}},
    "resource_path": lambda w, actor, wechat: {"path": {"resource_id": _resource(w)}},
    "resource_change": lambda w, actor, wechat: {"path": {"resource_id": _resource(w)}, "json": {"capacity": 200}},
    "mandatory_new": lambda w, actor, wechat: {"json": {"year": _year(), "title": "市民公益日志愿服务"}},
    "mandatory_path": lambda w, actor, wechat: {"path": {"mandatory_id": _mandatory(w)}},
    "mandatory_change": lambda w, actor, wechat: {"path": {"mandatory_id": _mandatory(w)},
                                                  "json": {"description": "每年至少一次"}},
    "project_new": lambda w, actor, wechat: {"json": {"unit_id": w.unit.id, "year": _year(), "kind": "optional",
                                                      "title": "邻里守望互助站"}},
    "project_path": _with_project(),
    "project_change": _with_project({"goals": "服务 500 人次"}),
    "milestone_new": _with_project({"title": "年度总结"}),
    "project_link": _with_project(lambda w: {"event_id": w.event.id}),
    "project_unlink": _with_project(link_event=True),
}
