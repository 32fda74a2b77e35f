"""Mediation figures without personal data: how many cases a community had
in a year, by kind of dispute and by outcome (for staff and the office)."""
from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.localtime import CHINA_TZ
from app.mediation.reads import OUTCOME_LABELS, STATUS_LABELS
from app.models import DISPUTE_KIND_LABELS, DISPUTE_KINDS, MediationCase


def year_stats(community_id, year):
    start = datetime(year, 1, 1, tzinfo=CHINA_TZ)
    end = datetime(year + 1, 1, 1, tzinfo=CHINA_TZ)
    where = (MediationCase.community_id == community_id, MediationCase.created_at >= start,
             MediationCase.created_at < end)

    def counted(column):
        return dict(db.session.execute(select(column, func.count()).where(*where).group_by(column)).all())

    kinds, outcomes, statuses = counted(MediationCase.kind), counted(MediationCase.outcome), \
        counted(MediationCase.status)
    return {
        "community_id": community_id, "year": year, "total": sum(kinds.values()),
        "by_kind": [{"kind": k, "label": DISPUTE_KIND_LABELS[k], "count": kinds.get(k, 0)} for k in DISPUTE_KINDS],
        "by_outcome": [{"outcome": o, "label": label, "count": outcomes.get(o, 0)}
                       for o, label in OUTCOME_LABELS.items()],
        "by_status": [{"status": s, "label": label, "count": statuses.get(s, 0)} for s, label in STATUS_LABELS.items()],
    }
