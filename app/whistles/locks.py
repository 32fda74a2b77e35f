"""Row locks held until the commit: one writer at a time on a whistle (a
report against a close), on a roundtable, on a unit's yearly projects."""
from sqlalchemy import text

from app.extensions import db

_TABLES = {"whistles", "roundtables", "member_units"}


def lock(model, row_id):
    """The row of ``model`` with id ``row_id`` (or None), locked for update.
    SQLite has no row locks: an idle UPDATE takes its database write lock."""
    table = model.__tablename__
    assert table in _TABLES, table
    query = db.select(model).where(model.id == row_id).execution_options(populate_existing=True)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(key_share=True)
    else:
        db.session.execute(text(f"UPDATE {table} SET id = id WHERE id = :id"), {"id": row_id})
    return db.session.execute(query).scalar_one_or_none()
