"""Input bounds that keep odd but well-formed requests out of the database
layer, where they would surface as errors instead of a clear 422: row ids
beyond PostgreSQL's integer and dates whose day arithmetic overflows. (The
control-character rule lives in app.schemas.Text.)"""
from datetime import date, datetime, timezone

from marshmallow import validate

SERVICE_DATE = validate.Range(min=date(2000, 1, 1), max=date(2099, 12, 31))
SERVICE_TIME = validate.Range(min=datetime(2000, 1, 1, tzinfo=timezone.utc),
                              max=datetime(2099, 12, 31, tzinfo=timezone.utc))


def text(max_length, min_length=0):
    """The length bound of a ``Text`` field of at most ``max_length`` characters."""
    return validate.Length(min=min_length, max=max_length)
