"""Row locks held until the commit: one writer at a time on a whistle (a
report against a close), on a roundtable, on a unit's yearly projects."""

from app.models.base import lock_row

_TABLES = {"whistles", "roundtables", "member_units"}


def lock(model, row_id):
    """The row of ``model`` with id ``row_id`` (or None), locked for update."""
    assert model.__tablename__ in _TABLES, model.__tablename__
    return lock_row(model, row_id)
