"""Schemas of the 数据大屏's API (times are ISO 8601 strings with +08:00)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.schemas import Opaque, Schema, Text


class ScreenArgs(Schema):
    key = Opaque(metadata={"description": "a screen link's display key (or send a console user's bearer token)"})


class CommunityFigures(Schema):
    id = fields.Integer()
    name = fields.String()
    latitude = fields.Float(allow_none=True, metadata={"description": "GCJ-02"})
    longitude = fields.Float(allow_none=True)
    checkins_today = fields.Integer()
    checkins_month = fields.Integer()


class CheckinTotals(Schema):
    today = fields.Integer(metadata={"description": "every check-in today, hosts outside a community included"})
    month = fields.Integer()


class EventToday(Schema):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    venue = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    community_id = fields.Integer(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    checked_in = fields.Integer()


class HoursYear(Schema):
    year = fields.Integer()
    minutes = fields.Integer()
    hours = fields.Float()
    volunteers = fields.Integer()


class TopSquad(Schema):
    rank = fields.Integer()
    id = fields.Integer()
    name = fields.String()
    minutes = fields.Integer()
    hours = fields.Float()


class Figure(Schema):
    name = fields.String()
    title = fields.String()
    value = fields.Float()
    unit = fields.String()
    by_community = fields.Dict(keys=fields.String(), values=fields.Float())


class ScreenSnapshotSchema(Schema):
    generated_at = fields.String()
    date = fields.String(metadata={"description": "today in Beijing time"})
    communities = fields.List(fields.Nested(CommunityFigures))
    checkins = fields.Nested(CheckinTotals)
    events_today = fields.List(fields.Nested(EventToday))
    hours = fields.Nested(HoursYear)
    top_squads = fields.List(fields.Nested(TopSquad))
    figures = fields.List(fields.Nested(Figure), metadata={
        "description": "figures other areas registered (app.screen.panels)"})


class ScreenLinkRequest(Schema):
    label = Text(required=True, validate=validate.Length(min=1, max=64, error="名称须为 1 到 64 个字"))


class ScreenLinkSchema(Schema):
    id = fields.Integer()
    label = fields.String()
    created_by_id = fields.Integer(allow_none=True)
    created_at = LocalDateTime()
    revoked_at = LocalDateTime(allow_none=True)
    active = fields.Function(lambda link: (link["revoked_at"] if isinstance(link, dict) else link.revoked_at) is None)


class NewScreenLinkSchema(ScreenLinkSchema):
    key = fields.String(metadata={"description": "shown this once; only its hash is kept"})
    path = fields.String(metadata={"description": "the console page that shows the screen with this key"})
