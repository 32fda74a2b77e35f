"""Request and response shapes of member units (OpenAPI comes from these)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import UNIT_KIND_LABELS, UNIT_KINDS, UNIT_LEVELS, UNIT_STATUSES
from app.schemas import Id, QueryId, Schema, Text
from app.units.vocabulary import LEVEL_LABELS, STATUS_LABELS, choices
from app.validators import SERVICE_DATE, text

MAX_OFFSET = 1_000_000
# GCJ-02 roughly within China (the mainland, Hainan and the South China Sea
# islands): a point outside is a typo or a swapped latitude and longitude.
LATITUDE = validate.Range(min=3.0, max=54.0, error="纬度须在 3 到 54 之间（中国境内，GCJ-02 坐标）")
LONGITUDE = validate.Range(min=73.0, max=136.0, error="经度须在 73 到 136 之间（中国境内，GCJ-02 坐标）")


def coordinates_together(data):
    """Latitude and longitude come together or not at all."""
    if ("latitude" in data) != ("longitude" in data) or \
            (data.get("latitude") is None) != (data.get("longitude") is None):
        missing = "longitude" if data.get("latitude") is not None else "latitude"
        raise ValidationError("纬度和经度须同时填写", missing)


def attr(obj, name):
    """A field of a row or of a dict a service presented."""
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def label(name, labels):
    """A response field: the Chinese label of the code in ``name``."""
    return fields.Function(lambda obj: labels.get(attr(obj, name), attr(obj, name)),
                           metadata={"description": f"the Chinese label of {name}"})


class PageArgs(Schema):
    """limit / offset, as every list of the API takes them."""

    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(
        min=0, max=MAX_OFFSET, error="偏移量应在 0 到 1000000 之间"))


class UnitListArgs(PageArgs):
    kind = Text(validate=validate.OneOf(UNIT_KINDS, error=f"单位类型须为：{'、'.join(UNIT_KINDS)}"))
    level = Text(validate=validate.OneOf(UNIT_LEVELS, error="层级须为 subdistrict 或 community"))
    community = QueryId(metadata={"description": "community id: units of that community"})
    status = Text(validate=validate.OneOf(UNIT_STATUSES, error="状态须为 active、suspended 或 left"))
    q = Text(validate=text(64), metadata={"description": "part of the unit's name"})


class UnitFieldsSchema(Schema):
    """What the office may set; the unit's contacts only the profile fields
    (introduction, address, latitude, longitude, party_org_name)."""

    name = Text(validate=text(128, 2))
    kind = Text(validate=validate.OneOf(UNIT_KINDS, error=f"单位类型须为：{choices(UNIT_KIND_LABELS)} 的代码之一"),
                metadata={"description": " / ".join(f"{k} {v}" for k, v in UNIT_KIND_LABELS.items())})
    level = Text(validate=validate.OneOf(UNIT_LEVELS, error="层级须为 subdistrict（街道级）或 community（社区级）"))
    community_id = Id(allow_none=True, metadata={"description": "required for a community-level unit"})
    party_org_name = Text(allow_none=True, validate=text(128), metadata={"description": "its 党组织, e.g. xx党支部"})
    address = Text(allow_none=True, validate=text(255))
    latitude = fields.Float(allow_none=True, validate=LATITUDE, metadata={"description": "GCJ-02"})
    longitude = fields.Float(allow_none=True, validate=LONGITUDE, metadata={"description": "GCJ-02"})
    joined_on = fields.Date(allow_none=True, validate=SERVICE_DATE)
    introduction = Text(allow_none=True, validate=text(2000))

    @validates_schema
    def coordinates(self, data, **kwargs):
        coordinates_together(data)


class UnitCreateSchema(UnitFieldsSchema):
    name = Text(required=True, validate=text(128, 2))
    kind = Text(required=True, validate=UnitFieldsSchema._declared_fields["kind"].validate)
    level = Text(required=True, validate=UnitFieldsSchema._declared_fields["level"].validate)
    reason = Text(validate=text(200), metadata={"description": "the history's note; default 加入联盟"})


class UnitPatchSchema(UnitFieldsSchema):
    pass


class StatusChangeSchema(Schema):
    status = Text(required=True, validate=validate.OneOf(UNIT_STATUSES, error="状态须为 active、suspended 或 left"))
    reason = Text(required=True, validate=text(200, 2))


class CommunityRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class ContactSchema(Schema):
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={
        "description": "only to the office, the unit's own people and its community's staff"})


class UnitSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    kind_label = label("kind", UNIT_KIND_LABELS)
    level = fields.String()
    level_label = label("level", LEVEL_LABELS)
    community = fields.Nested(CommunityRefSchema, allow_none=True)
    party_org_name = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    joined_on = fields.Date(allow_none=True)
    status = fields.String()
    status_label = label("status", STATUS_LABELS)
    introduction = fields.String(allow_none=True)


class UnitDetailSchema(UnitSchema):
    contacts = fields.List(fields.Nested(ContactSchema))
    can_edit_profile = fields.Boolean()
    can_manage = fields.Boolean()


def page_schema(item_schema, name):
    """A page of a list as every list of the area answers: items, total, limit, offset."""
    return Schema.from_dict({"items": fields.List(fields.Nested(item_schema)), "total": fields.Integer(),
                             "limit": fields.Integer(), "offset": fields.Integer()}, name=name)


UnitPageSchema = page_schema(UnitSchema, "UnitPage")


class StatusChangeOutSchema(Schema):
    id = fields.Integer()
    from_status = fields.String(allow_none=True)
    from_label = fields.Function(lambda c: STATUS_LABELS.get(c.from_status) if c.from_status else None,
                                 allow_none=True)
    to_status = fields.String()
    to_label = label("to_status", STATUS_LABELS)
    reason = fields.String(allow_none=True)
    changed_by_id = fields.Integer(allow_none=True)
    changed_at = LocalDateTime()
