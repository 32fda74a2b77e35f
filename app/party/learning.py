"""The party learning record (学习档案): a person's, and a branch's for its
organisers. Lectures and party days attended come from check-ins, hours from
the ledger; every other area adds its own section through
``contributions.contribute(app, "learning_record", name, build(user_id, year))``
(online learning from app.lectures, contests from app.quiz), shown under
``sections``. A section is any JSON; when it carries ``title`` and
``summary`` (one Chinese line, e.g. "完成 3 项，共 2.5 小时"), the branch's
table and workbook show that line in a column of that title."""
import json

from sqlalchemy import select

from app import contributions
from app.extensions import db
from app.models import PartyMembership, User
from app.party import activity
from app.party.views import membership_view, named


def record(user, membership, year):
    lectures = activity.lectures(user.id, year)
    return {
        "year": year, "user": named(user), "membership": membership_view(membership) if membership else None,
        "lectures": lectures, "lecture_count": len(lectures),
        "hours": activity.hours(activity.minutes_in_year([user.id], year).get(user.id, 0)),
        "hours_by_year": activity.hours_by_year(user.id),
        "sections": contributions.collect("learning_record", user.id, year),
    }


def summary_of(section):
    """A section's one line for a table cell."""
    if isinstance(section, dict) and "summary" in section:
        return str(section["summary"])
    text = json.dumps(section, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:119] + "…"


def titles_of(sections, titles):
    for name, section in sections.items():
        titles.setdefault(name, section.get("title", name) if isinstance(section, dict) else name)
    return titles


def _members_query(branch_id):
    return (select(PartyMembership).join(User, User.id == PartyMembership.user_id)
            .where(PartyMembership.branch_id == branch_id, PartyMembership.status == "confirmed")
            .order_by(User.name, PartyMembership.id))


def branch_rows(branch_id, year, limit=None, offset=0):
    """(rows, total, section titles): each confirmed member's year, counted
    per page in a few queries plus each contributed section's builder."""
    query = _members_query(branch_id)
    total = db.session.execute(select(db.func.count()).select_from(query.subquery())).scalar_one()
    if limit is not None:
        query = query.limit(limit).offset(offset)
    members = db.session.execute(query).scalars().all()
    user_ids = [m.user_id for m in members]
    lectures = activity.lecture_counts(user_ids, year)
    minutes = activity.minutes_in_year(user_ids, year)
    rows, titles = [], {}
    for member in members:
        sections = contributions.collect("learning_record", member.user_id, year)
        titles_of(sections, titles)
        rows.append({"member": named(member.user), "in_service": member.in_service,
                     "work_unit": named(member.work_unit), "lecture_count": lectures.get(member.user_id, 0),
                     "hours": activity.hours(minutes.get(member.user_id, 0)),
                     "sections": {name: summary_of(section) for name, section in sections.items()}})
    return rows, total, titles
