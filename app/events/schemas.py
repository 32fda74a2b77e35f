"""Request and response shapes of the events area (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.events.fields import ChineseSchema, DateOrDateTime, LocalDateTime, Text
from app.models import EVENT_KINDS, REGISTRATION_STATUSES
from app.models.events import EVENT_KIND_LABELS
from app.models.events import EVENT_STATUSES
from app.schemas import Id, QueryId, Url

RADIUS_MIN_M, RADIUS_MAX_M = 20, 5000
MAX_OFFSET = 1_000_000
CAPACITY_MAX = 100_000


def _text(max_length, **kwargs):
    return Text(validate=validate.Length(max=max_length, error=f"不能超过 {max_length} 个字"),
                allow_none=True, **kwargs)


def _moment(**kwargs):
    return LocalDateTime(allow_none=True, **kwargs)


class EventFieldsSchema(ChineseSchema):
    """What an organiser may set; every field optional (the PATCH body)."""

    title = Text(validate=validate.Length(min=1, max=64, error="标题需为 1 到 64 个字"))
    description = _text(2000)
    theme = _text(64, metadata={"description": "welfare days: the month's theme"})
    speaker = _text(64, metadata={"description": "lectures: who speaks"})
    online_url = Url(schemes={"http", "https"}, allow_none=True,
                     error_messages={"invalid": "请输入以 http:// 或 https:// 开头的网址"},
                     validate=validate.Length(max=512, error="网址不能超过 512 个字符"),
                     metadata={"description": "lectures given online: where to watch"})
    audience = _text(128, metadata={"description": "lectures: who it is for, e.g. 全体党员"})
    host_community_id = Id(allow_none=True)
    host_member_unit_id = Id(allow_none=True)
    venue = _text(128)
    # GCJ-02, the datum of WeChat's map APIs (wx.chooseLocation, and wx.getLocation
    # with type "gcj02" on the scan page): in Hangzhou a WGS-84 point lies some
    # 500 m away, wider than a venue's radius.
    latitude = fields.Float(allow_none=True, validate=validate.Range(min=-90, max=90, error="纬度应在 -90 到 90 之间"),
                            metadata={"description": "GCJ-02 (WeChat's map datum), as wx.chooseLocation returns"})
    longitude = fields.Float(allow_none=True,
                             validate=validate.Range(min=-180, max=180, error="经度应在 -180 到 180 之间"),
                             metadata={"description": "GCJ-02 (WeChat's map datum), as wx.chooseLocation returns"})
    radius_m = fields.Integer(strict=True, allow_none=True, validate=validate.Range(
        min=RADIUS_MIN_M, max=RADIUS_MAX_M, error=f"签到范围应在 {RADIUS_MIN_M} 到 {RADIUS_MAX_M} 米之间"),
        metadata={"description": "poster check-ins must fall within this many metres (default 300)"})
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    capacity = fields.Integer(strict=True, allow_none=True, validate=validate.Range(
        min=1, max=CAPACITY_MAX, error=f"名额应在 1 到 {CAPACITY_MAX} 之间"),
        metadata={"description": "places; empty means no limit"})
    registration_required = fields.Boolean()
    checkin_opens_at = _moment(metadata={"description": "default: 30 minutes before the start"})
    checkin_closes_at = _moment(metadata={"description": "default: the end"})
    checkout_opens_at = _moment(metadata={"description": "default: the start"})
    checkout_closes_at = _moment(metadata={"description": "default: one hour after the end"})
    credits_hours = fields.Boolean(metadata={"description": "default: true for volunteer activities and welfare days"})


class EventCreateSchema(EventFieldsSchema):
    kind = Text(required=True, validate=validate.OneOf(EVENT_KINDS, error="活动类型不正确"),
                metadata={"description": " | ".join(f"{k} {v}" for k, v in EVENT_KIND_LABELS.items())})
    title = Text(required=True, validate=validate.Length(min=1, max=64, error="标题需为 1 到 64 个字"))
    starts_at = LocalDateTime(required=True)
    ends_at = LocalDateTime(required=True)
    parent_id = Id(allow_none=True, metadata={"description": "welfare-day activities: the month's welfare day"})


class EventPatchSchema(EventFieldsSchema):
    pass


class CancelSchema(ChineseSchema):
    reason = Text(required=True, validate=validate.Length(min=2, max=200, error="请填写 2 到 200 字的取消原因"))


class EventListArgs(ChineseSchema):
    kind = Text(validate=validate.OneOf(EVENT_KINDS, error="活动类型不正确"))
    community = QueryId(metadata={"description": "community id: hosted by it or by a member unit in it"})
    parent_id = QueryId(metadata={"description": "the activities of one welfare day"})
    status = Text(validate=validate.OneOf(EVENT_STATUSES, error="状态不正确"))
    from_ = DateOrDateTime(data_key="from", metadata={"type": "string", "description":
                           "events still running at or after this date (Asia/Shanghai) or datetime"})
    to = DateOrDateTime(metadata={"type": "string", "description":
                        "events starting before the end of this date (Asia/Shanghai) or this datetime"})
    mine = fields.Boolean(metadata={"description": "residents: events I registered for; organisers: also "
                                    "events in my scope; admins: everything"})
    group = fields.Boolean(metadata={"description": "true: top-level events only; a welfare day carries its "
                                     "community activities in `activities`, the viewer's community first (the "
                                     "`community` filter's, else the signed-in person's). With `community`: "
                                     "events hosted there and welfare days with an activity there"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量应在 0 到 1000000 之间"))
    cursor = Text(validate=validate.Length(max=200, error="游标不正确"),
                  metadata={"description": "next_cursor of the previous page (instead of offset)"})


class MyRegistrationSchema(ChineseSchema):
    id = fields.Integer()
    status = fields.String(metadata={"description": "registered or waitlisted"})
    position = fields.Integer(allow_none=True, metadata={"description": "place on the waiting list, from 1"})


class EventBriefSchema(ChineseSchema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    status = fields.String()
    theme = fields.String(allow_none=True)
    host_name = fields.String()
    venue = fields.String(allow_none=True)
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()


class EventActivitySchema(EventBriefSchema):
    host_community_id = fields.Integer(allow_none=True, metadata={"description": "the community it is in "
                                                                  "(a member unit's community for units)"})
    in_my_community = fields.Boolean(metadata={"description": "in the viewer's community (listed first)"})


class EventSchema(ChineseSchema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "published or cancelled"})
    phase = fields.String(metadata={"description": "upcoming, ongoing, ended or cancelled (now, in Shanghai)"})
    cancel_reason = fields.String(allow_none=True)
    cancelled_at = _moment()
    parent_id = fields.Integer(allow_none=True)
    theme = fields.String(allow_none=True)
    speaker = fields.String(allow_none=True)
    online_url = fields.String(allow_none=True)
    audience = fields.String(allow_none=True)
    host_community_id = fields.Integer(allow_none=True)
    host_member_unit_id = fields.Integer(allow_none=True)
    host_name = fields.String(metadata={"description": "community, member unit, or 下沙街道 for subdistrict events"})
    venue = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    radius_m = fields.Integer(allow_none=True)
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    capacity = fields.Integer(allow_none=True)
    registration_required = fields.Boolean()
    checkin_opens_at = _moment()
    checkin_closes_at = _moment()
    checkout_opens_at = _moment()
    checkout_closes_at = _moment()
    credits_hours = fields.Boolean()
    scene = fields.String(allow_none=True, metadata={"description": "what the printed poster's code carries; only for the event's organisers"})
    registered_count = fields.Integer()
    waitlisted_count = fields.Integer()
    my_registration = fields.Nested(MyRegistrationSchema, allow_none=True)
    created_at = LocalDateTime()
    updated_at = LocalDateTime()
    activities = fields.List(fields.Nested(EventActivitySchema), metadata={
        "description": "with group=true, a welfare day's community activities (the viewer's community first)"})


class EventDetailSchema(EventSchema):
    can_manage = fields.Boolean(metadata={"description": "the signed-in user may edit and cancel it"})
    parent = fields.Nested(EventBriefSchema, allow_none=True)
    activities = fields.List(fields.Nested(EventActivitySchema), metadata={
        "description": "a welfare day's activities in the communities, the signed-in person's community first"})


class EventPageSchema(ChineseSchema):
    items = fields.List(fields.Nested(EventSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
    next_cursor = fields.String(allow_none=True)


class RegistrationSchema(ChineseSchema):
    id = fields.Integer()
    event_id = fields.Integer()
    status = fields.String(metadata={"description": "registered, waitlisted or cancelled"})
    position = fields.Integer(allow_none=True, metadata={"description": "place on the waiting list, from 1"})
    binding = fields.Boolean(metadata={"description": "false: the event needs no registration, this is a "
                                       "'remind me' interest that holds no place"})
    created_at = LocalDateTime()
    cancelled_at = _moment()


class MyRegistrationItemSchema(RegistrationSchema):
    event = fields.Nested(EventBriefSchema)


class RegistrantUserSchema(ChineseSchema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class RegistrantSchema(RegistrationSchema):
    user = fields.Nested(RegistrantUserSchema)


class RegistrationListArgs(ChineseSchema):
    status = Text(validate=validate.OneOf(REGISTRATION_STATUSES, error="状态不正确"))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500, error="每页 1 到 500 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量应在 0 到 1000000 之间"))


class MyRegistrationArgs(ChineseSchema):
    include_cancelled = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200, error="每页 1 到 200 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量应在 0 到 1000000 之间"))


class RegistrantPageSchema(ChineseSchema):
    items = fields.List(fields.Nested(RegistrantSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class MyRegistrationPageSchema(ChineseSchema):
    items = fields.List(fields.Nested(MyRegistrationItemSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
