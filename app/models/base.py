"""Column types and mixins shared by every model."""
from datetime import datetime, timezone

from sqlalchemy import DateTime, String, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.types import TypeDecorator

from app.extensions import db


def utcnow():
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on PostgreSQL and on SQLite alike.

    SQLite drops the zone; this type puts it back so code never compares a
    naive datetime with an aware one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(timezone.utc)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class EncryptedString(TypeDecorator):
    """Text stored encrypted with the personal-data key (app.keys), read
    back in clear. A value that cannot be decrypted (stored before
    encryption, or under another key) reads as None. ``length`` bounds the
    stored token: a Fernet token of n bytes takes about 1.4 n + 80 characters."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        from app.keys import encrypt_text

        return None if value is None else encrypt_text(value)

    def process_result_value(self, value, dialect):
        from app.keys import decrypt_text

        return decrypt_text(value)


class TimestampMixin:
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)


def dialect_insert(table, dialect=None):
    """An INSERT that knows ON CONFLICT, on PostgreSQL and SQLite alike."""
    name = dialect or db.session.get_bind().dialect.name
    return (pg_insert if name == "postgresql" else sqlite_insert)(table)


def insert_unless_exists(table, values, unique_columns, returning=()):
    """``INSERT ... ON CONFLICT (unique_columns) DO NOTHING``: the one way
    every area writes a row exactly once. The database decides, so racing
    writers (threads, processes, a retried job) leave one row; ``values`` may
    be a dict or a list of dicts; ``returning`` the columns of the new rows."""
    statement = dialect_insert(table).values(values).on_conflict_do_nothing(index_elements=list(unique_columns))
    return statement.returning(*returning) if returning else statement


def lock_row(model, row_id):
    """The row of ``model`` with id ``row_id``, read fresh and locked until
    the commit (None when there is none): the one way writers that check
    before they write (places left, five a year, a duty's status) go one at
    a time. PostgreSQL: ``SELECT ... FOR NO KEY UPDATE``, which lets rows
    whose foreign key points here (check-ins, steps) still be written.
    SQLite has no row locks: a no-op UPDATE takes its single write lock
    before anything is read."""
    query = db.select(model).where(model.id == row_id).execution_options(populate_existing=True)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(key_share=True)
    else:
        db.session.execute(text(f"UPDATE {model.__tablename__} SET id = id WHERE id = :id"), {"id": row_id})
    return db.session.execute(query).scalar_one_or_none()
