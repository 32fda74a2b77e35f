"""Coverage of 党员联户 per community and grid: households, how many are paired,
how many were contacted within HOUSEHOLD_CONTACT_DAYS, party members doing
it, and visits per month (the last 12). Figures only, no personal data: JSON
for the console and an XLSX workbook (openpyxl write-only, as hours exports).
"""
from collections import defaultdict
from datetime import date, timedelta
from io import BytesIO

from flask import current_app
from openpyxl import Workbook
from sqlalchemy import select

from app.extensions import db
from app.localtime import local_date
from app.models import Community, Grid, Household, HouseholdPairing, HouseholdVisit, utcnow

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS = 12


def _rate(part, whole):
    return round(part / whole, 4) if whole else 0.0


def _months_back(today):
    year, month = today.year, today.month
    months = []
    for _ in range(MONTHS):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(months))


def coverage(community_ids=None, now=None):
    """``community_ids``: those to count (None: every community)."""
    now = now or utcnow()
    today = local_date(now)
    days = current_app.config["HOUSEHOLD_CONTACT_DAYS"]
    communities = db.select(Community).order_by(Community.id)
    if community_ids is not None:
        communities = communities.where(Community.id.in_(community_ids or [-1]))
    communities = db.session.execute(communities).scalars().all()
    ids = [c.id for c in communities]
    grids = db.session.execute(select(Grid).where(Grid.community_id.in_(ids or [-1])).order_by(Grid.id)).scalars().all()
    households = db.session.execute(select(Household.id, Household.grid_id, Household.community_id)
                                    .where(Household.community_id.in_(ids or [-1]), Household.status == "active")).all()
    pairings = dict(db.session.execute(
        select(HouseholdPairing.household_id, HouseholdPairing.party_member_id)
        .where(HouseholdPairing.ended_at.is_(None),
               HouseholdPairing.household_id.in_([h.id for h in households] or [-1]))).all())
    since = today - timedelta(days=days)
    recent = set(db.session.execute(select(HouseholdVisit.household_id).where(
        HouseholdVisit.visited_on > since, HouseholdVisit.household_id.in_(list(pairings) or [-1]))).scalars())
    counts = {key: defaultdict(lambda: {"households": 0, "paired": 0, "contacted": 0, "members": set()})
              for key in ("community", "grid")}
    for h in households:
        for key, group in (("community", h.community_id), ("grid", h.grid_id)):
            row = counts[key][group]
            row["households"] += 1
            if h.id in pairings:
                row["paired"] += 1
                row["members"].add(pairings[h.id])
                row["contacted"] += h.id in recent
    names = {c.id: c.name for c in communities}

    def shaped(row, community_id, grid=None):
        return {"community_id": community_id, "community": names[community_id],
                "grid_id": grid.id if grid else None, "grid": grid.name if grid else None,
                "households": row["households"], "paired": row["paired"], "contacted": row["contacted"],
                "paired_rate": _rate(row["paired"], row["households"]),
                "contacted_rate": _rate(row["contacted"], row["paired"]), "party_members": len(row["members"])}

    months = _months_back(today)
    visits = db.session.execute(
        select(Household.community_id, HouseholdVisit.visited_on)
        .join(Household, Household.id == HouseholdVisit.household_id)
        .where(Household.community_id.in_(ids or [-1]), HouseholdVisit.visited_on >= date.fromisoformat(f"{months[0]}-01"))).all()
    per_month = defaultdict(int)
    for community_id, visited_on in visits:
        per_month[(community_id, f"{visited_on:%Y-%m}")] += 1
    return {
        "days": days, "as_of": today,
        "communities": [shaped(counts["community"][c.id], c.id) for c in communities],
        "grids": [shaped(counts["grid"][g.id], g.community_id, g) for g in grids],
        "months": [{"community_id": c.id, "month": m, "visits": per_month[(c.id, m)]}
                   for c in communities for m in months],
    }


HEADERS = ("社区", "网格", "户数", "已联户", "联户率", "近期已联系", "联系率", "联户党员")


def workbook(figures):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("联户覆盖")
    sheet.append(HEADERS)
    for row in figures["communities"] + figures["grids"]:
        sheet.append([row["community"], row["grid"] or "（全社区）", row["households"], row["paired"],
                      row["paired_rate"], row["contacted"], row["contacted_rate"], row["party_members"]])
    months = book.create_sheet("每月走访")
    months.append(("社区", "月份", "走访次数"))
    names = {c["community_id"]: c["community"] for c in figures["communities"]}
    for row in figures["months"]:
        months.append([names[row["community_id"]], row["month"], row["visits"]])
    notes = book.create_sheet("说明")
    notes.append([f"统计日期：{figures['as_of'].isoformat()}"])
    notes.append([f"近期已联系：已联户且近 {figures['days']} 天内有走访、电话或微信记录的户数"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
