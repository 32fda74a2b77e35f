"""Serialising the writers whose check depends on a count ("at most five"):
the count and the insert that depends on it happen one request at a time.

PostgreSQL: a row lock (``FOR NO KEY UPDATE``: foreign keys to the row still
go on) or a transaction-scoped advisory lock. SQLite: a no-op ``UPDATE``
takes the database's single write lock before the count is read (a plain
SELECT there would let two writers count the same number), as
app/events/registration.py does for an event's places."""
from sqlalchemy import text

from app.extensions import db
from app.models.base import lock_row
from app.models import MemberUnit

# pg_advisory_xact_lock(namespace, key): this area's namespace for a year's mandatory projects.
MANDATORY_YEAR_LOCK = 1101


def _postgres():
    return db.session.get_bind().dialect.name == "postgresql"


def lock_unit(unit_id):
    """The unit's row, locked until the commit (or None when it does not exist)."""
    return lock_row(MemberUnit, unit_id)


def lock_mandatory_year(year):
    """Writers of one year's mandatory projects, one at a time until the commit."""
    if _postgres():
        db.session.execute(text("SELECT pg_advisory_xact_lock(:ns, :year)"),
                           {"ns": MANDATORY_YEAR_LOCK, "year": year})
    else:
        db.session.execute(text("UPDATE mandatory_projects SET year = year WHERE year = :year"), {"year": year})
