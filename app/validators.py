"""Input bounds that keep odd but well-formed requests out of the database
layer, where they would surface as errors instead of a clear 422: row ids
beyond PostgreSQL's integer, NUL characters (refused by PostgreSQL text
columns), and dates whose day arithmetic overflows."""
from datetime import date, datetime, timezone

from marshmallow import validate

from app.schemas import MAX_ID

ROW_ID = validate.Range(min=1, max=MAX_ID)
# Newlines and tabs are fine; the rest would only garble a phone's screen (and
# PostgreSQL refuses NUL in text).
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
NO_CONTROL_CHARACTERS = validate.Regexp(rf"^[^{CONTROL_CHARACTERS}]*$", error="不能包含控制字符")
SERVICE_DATE = validate.Range(min=date(2000, 1, 1), max=date(2099, 12, 31))
SERVICE_TIME = validate.Range(min=datetime(2000, 1, 1, tzinfo=timezone.utc),
                              max=datetime(2099, 12, 31, tzinfo=timezone.utc))


def text(max_length, min_length=0):
    """Validators for a free-text field of at most ``max_length`` characters."""
    return [validate.Length(min=min_length, max=max_length), NO_CONTROL_CHARACTERS]
