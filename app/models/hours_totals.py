"""Running totals of the hours ledger, kept in the transaction of every
ledger append (app.hours.totals), so a phone asking for its hours, a
leaderboard or the 大屏 reads a few rows instead of summing the ledger.

- ``hours_user_totals``: one row per (person, year, month) in Beijing time.
  Months, not years, because "my hours" shows a month-by-month list; a
  person's all-time total is the sum of at most twelve rows a year.
- ``hours_scope_totals``: one row per (scope, year) for squads (the ledger
  entry's team_id), communities (its community_id) and the whole district,
  plus ``year = 0`` for all time. ``volunteers`` is how many distinct people
  have an entry there, as ``COUNT(DISTINCT user_id)`` over the ledger says.
- ``hours_scope_volunteers``: who has an entry in each (scope, year); its
  primary key decides, under concurrency too, whether an entry brings a new
  volunteer to the scope's count.

No foreign keys: the rows are derived from the ledger (whose own keys hold),
and a key to users would lock that table while migration 0026 backfills.

Rows are never deleted by the running updates (a total corrected to zero
stays a row of zero, as a SUM over its entries would still show the group).
``flask jusha check-hours-totals`` proves they equal the ledger's sums.
"""
from app.extensions import db

SCOPE_TEAM, SCOPE_COMMUNITY, SCOPE_DISTRICT = "team", "community", "district"
SCOPE_KINDS = (SCOPE_TEAM, SCOPE_COMMUNITY, SCOPE_DISTRICT)
ALL_TIME = 0  # the year of the all-time rows
DISTRICT_ID = 0  # the scope_id of the district's rows


class HoursUserTotal(db.Model):
    __tablename__ = "hours_user_totals"

    user_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    year = db.Column(db.Integer, primary_key=True, autoincrement=False)
    month = db.Column(db.Integer, primary_key=True, autoincrement=False)
    minutes = db.Column(db.Integer, nullable=False, default=0)
    # approval entries: how many records were credited (corrections add none)
    records = db.Column(db.Integer, nullable=False, default=0)


class HoursScopeTotal(db.Model):
    __tablename__ = "hours_scope_totals"
    __table_args__ = (db.CheckConstraint("scope_kind IN ('team', 'community', 'district')", name="scope_kind_known"),)

    # (kind, year) first: a leaderboard reads every squad of one year.
    scope_kind = db.Column(db.String(16), primary_key=True)
    year = db.Column(db.Integer, primary_key=True, autoincrement=False)
    scope_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    minutes = db.Column(db.Integer, nullable=False, default=0)
    records = db.Column(db.Integer, nullable=False, default=0)
    volunteers = db.Column(db.Integer, nullable=False, default=0)


class HoursScopeVolunteer(db.Model):
    __tablename__ = "hours_scope_volunteers"

    scope_kind = db.Column(db.String(16), primary_key=True)
    year = db.Column(db.Integer, primary_key=True, autoincrement=False)
    scope_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    user_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
