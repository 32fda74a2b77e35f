"""Server-side paging, sorting and counting for tables (the desk console's).

Lists that answer a bare array (older clients read them, the mini-program
among them) keep that body and gain ``offset``, ``sort`` and ``order``; the
number of rows matching the filters travels in the ``X-Total-Count`` header.
Lists added since answer ``{items, total, limit, offset}`` as ``GET /events``
does. Both count with the same query the page is cut from, so a table's
pager never disagrees with its rows.
"""
from marshmallow import fields, validate
from sqlalchemy import func

from app.extensions import db
from app.schemas import Schema, Text

MAX_OFFSET = 1_000_000
TOTAL_HEADER = "X-Total-Count"
TOTAL_HEADER_DOC = {TOTAL_HEADER: {"description": "rows matching the filters, all pages together",
                                   "schema": {"type": "integer"}}}
ORDERS = ("asc", "desc")


def offset_field():
    return fields.Integer(load_default=0, validate=validate.Range(
        min=0, max=MAX_OFFSET, error="偏移量应在 0 到 1000000 之间"),
        metadata={"description": "rows to skip (page × per-page)"})


def sort_field(keys):
    return Text(validate=validate.OneOf(keys, error="排序字段须为以下之一：{choices}"),
                metadata={"description": "sort by: " + ", ".join(keys)})


def order_field():
    return Text(validate=validate.OneOf(ORDERS, error="排序方向须为 asc 或 desc"),
                metadata={"description": "asc or desc (each list has its default)"})


def paged_args(sorts=()):
    """A base for a list's query schema: ``offset`` and, given the columns it
    may be sorted by, ``sort`` and ``order``."""
    fields_ = {"offset": offset_field()}
    if sorts:
        fields_.update(sort=sort_field(sorts), order=order_field())
    return type("PagedArgs", (Schema,), fields_)


def total(query):
    """How many rows ``query`` (any select, without limit or offset) matches."""
    return db.session.execute(db.select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()


def ordered(query, column, order, tie_breaker):
    """``query`` sorted by ``column`` (NULLs last either way), then by
    ``tie_breaker`` in the same direction, so pages never overlap."""
    if order == "desc":
        return query.order_by(column.desc().nulls_last(), tie_breaker.desc())
    return query.order_by(column.asc().nulls_last(), tie_breaker.asc())


def page(query, limit, offset):
    """(rows of this page, total) for an ordered select of one entity."""
    rows = db.session.execute(query.limit(limit).offset(offset)).scalars().all()
    return rows, total(query)


def with_total(rows, count):
    """A handler's answer: the rows as the body, the count as the header."""
    return rows, 200, {TOTAL_HEADER: str(count)}
