"""小事不出网格 as numbers: per grid and community, for one month (Beijing
time, by when the report was filed): reports, closed in the grid / in the
community / above (the office), rejected, still open, overdue (a deadline
missed at any level), the median hours from report to close, and the share
of closed orders closed in the grid."""
from datetime import datetime
from statistics import median

from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.localtime import CHINA_TZ
from app.models import Community, Grid, WorkOrder, utcnow


def month_bounds(month):
    """'2026-12' -> (start, end) in UTC-aware datetimes, Beijing months."""
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=CHINA_TZ)
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=CHINA_TZ)
    return start, end


def this_month(now=None):
    today = (now or utcnow()).astimezone(CHINA_TZ).date()
    return f"{today.year:04d}-{today.month:02d}"


def _empty(community, grid):
    return {"community": community, "grid": grid, "reports": 0, "closed_in_grid": 0, "closed_in_community": 0,
            "closed_above": 0, "rejected": 0, "open": 0, "overdue": 0, "hours": []}


def _count(row, order, now):
    row["reports"] += 1
    if order.status == "closed":
        key = {"grid": "closed_in_grid", "community": "closed_in_community"}.get(order.closed_level, "closed_above")
        row[key] += 1
        row["hours"].append((order.closed_at - order.created_at).total_seconds() / 3600)
    elif order.status == "rejected":
        row["rejected"] += 1
    else:
        row["open"] += 1
    if order.lapsed_due_at is not None or (order.status in ("submitted", "accepted", "in_progress")
                                           and order.due_at < now):
        row["overdue"] += 1


def _finish(row):
    hours = row.pop("hours")
    closed = len(hours)
    row["median_hours_to_close"] = round(median(hours), 1) if hours else None
    row["in_grid_rate"] = round(row["closed_in_grid"] / closed, 3) if closed else None
    return row


def figures(user, month=None, community_id=None, now=None):
    """{month, rows, total}: a row per grid (with its reports or not) and one
    per community (grid null: the community's total, orders outside every
    grid included), within what ``user`` may read."""
    now = now or utcnow()
    month = month or this_month(now)
    start, end = month_bounds(month)
    query = select(WorkOrder).where(WorkOrder.created_at >= start, WorkOrder.created_at < end,
                                    policy.reports.figures_clause(user))
    grids_query = select(Grid).order_by(Grid.community_id, Grid.name)
    if community_id is not None:
        query = query.where(WorkOrder.community_id == community_id)
        grids_query = grids_query.where(Grid.community_id == community_id)
    found = db.session.execute(query).scalars().all()
    communities = {c.id: {"id": c.id, "name": c.name} for c in db.session.execute(select(Community)).scalars()}
    readable = [g for g in db.session.execute(grids_query).scalars() if _reads_grid(user, g)]
    grid_rows = {g.id: _empty(communities[g.community_id], {"id": g.id, "name": g.name}) for g in readable}
    community_rows = {}
    total = _empty(None, None)
    for order in found:
        if order.grid_id in grid_rows:
            _count(grid_rows[order.grid_id], order, now)
        if policy.staffs_community(user, order.community_id):
            if order.community_id not in community_rows:
                community_rows[order.community_id] = _empty(communities[order.community_id], None)
            _count(community_rows[order.community_id], order, now)
        _count(total, order, now)
    # A grid worker's figures are their grids'; a community's total row is for its staff and the office.
    shown = {g.community_id for g in readable} | set(community_rows)
    rows = []
    for cid in sorted(shown, key=lambda c: (communities[c]["name"], c)):
        rows.extend(_finish(r) for r in grid_rows.values() if r["community"]["id"] == cid)
        if policy.staffs_community(user, cid):
            rows.append(_finish(community_rows.get(cid) or _empty(communities[cid], None)))
    return {"month": month, "rows": rows, "total": _finish(total)}


def _reads_grid(user, grid):
    return policy.is_admin(user) or grid.id in policy.grid_ids_worked(user) or \
        policy.staffs_community(user, grid.community_id)


def month_label(month):
    year, number = month.split("-")
    return f"{year}年{int(number)}月"
