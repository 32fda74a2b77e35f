"""Request and response shapes of 资源清单 resources and the units' rating of communities."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import RESOURCE_KIND_LABELS, RESOURCE_KINDS
from app.schemas import Id, QueryId, Schema, Text
from app.units.schemas import CommunityRefSchema, PageArgs, label, page_schema
from app.validators import SERVICE_DATE, text

KIND_HELP = " / ".join(f"{k} {v}" for k, v in RESOURCE_KIND_LABELS.items())


class UnitRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class ResourceFieldsSchema(Schema):
    kind = Text(validate=validate.OneOf(RESOURCE_KINDS, error="资源类型须为：" + "、".join(RESOURCE_KINDS)),
                metadata={"description": KIND_HELP})
    service = Text(allow_none=True, validate=text(32), metadata={"description": "e.g. 家电维修, 义诊"})
    title = Text(validate=text(64, 1))
    description = Text(allow_none=True, validate=text(2000))
    capacity = fields.Integer(strict=True, allow_none=True, validate=validate.Range(
        min=1, max=100_000_000, error="数量须在 1 到 100000000 之间"))
    capacity_unit = Text(allow_none=True, validate=text(16), metadata={"description": "人, 座, 件, 元 ..."})
    available_from = fields.Date(allow_none=True, validate=SERVICE_DATE)
    available_until = fields.Date(allow_none=True, validate=SERVICE_DATE)
    availability = Text(allow_none=True, validate=text(128), metadata={"description": "e.g. 每周六上午"})
    community_ids = fields.List(Id(), validate=validate.Length(max=50), metadata={
        "description": "communities it serves; empty: every community"})
    is_active = fields.Boolean()

    @validates_schema
    def dates_in_order(self, data, **kwargs):
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and start > end:
            raise ValidationError("结束日期不能早于开始日期", "available_until")


class ResourceCreateSchema(ResourceFieldsSchema):
    unit_id = Id(required=True)
    kind = Text(required=True, validate=ResourceFieldsSchema._declared_fields["kind"].validate,
                metadata={"description": KIND_HELP})
    title = Text(required=True, validate=text(64, 1))


class ResourcePatchSchema(ResourceFieldsSchema):
    pass


class ResourceListArgs(PageArgs):
    kind = Text(validate=validate.OneOf(RESOURCE_KINDS, error="资源类型须为：" + "、".join(RESOURCE_KINDS)))
    service = Text(validate=text(32))
    community = QueryId(metadata={"description": "serves this community (resources serving every community too)"})
    unit_id = QueryId()
    active = fields.Boolean(load_default=True, metadata={
        "description": "true (default): active resources of active units; false: the inactive ones"})


class ResourceSchema(Schema):
    id = fields.Integer()
    unit = fields.Nested(UnitRefSchema)
    kind = fields.String()
    kind_label = label("kind", RESOURCE_KIND_LABELS)
    service = fields.String(allow_none=True)
    title = fields.String()
    description = fields.String(allow_none=True)
    capacity = fields.Integer(allow_none=True)
    capacity_unit = fields.String(allow_none=True)
    available_from = fields.Date(allow_none=True)
    available_until = fields.Date(allow_none=True)
    availability = fields.String(allow_none=True)
    is_active = fields.Boolean()
    communities = fields.List(fields.Nested(CommunityRefSchema), metadata={"description": "empty: every community"})
    can_edit = fields.Boolean()


ResourcePageSchema = page_schema(ResourceSchema, "ResourcePage")


class CommunityRatingInSchema(Schema):
    community_id = Id(required=True)
    stars = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=5, error="评分须为 1 到 5 星"))
    comment = Text(allow_none=True, validate=text(500))


class CommunityRatingSchema(Schema):
    id = fields.Integer()
    unit_id = fields.Integer()
    community = fields.Nested(CommunityRefSchema)
    year = fields.Integer()
    stars = fields.Integer()
    comment = fields.String(allow_none=True)
    rated_at = LocalDateTime()


class YearArgs(Schema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2099, error="年份须在 2000 到 2099 之间"),
                          metadata={"description": "default: this year (Beijing time)"})


class CommunityAverageSchema(Schema):
    community = fields.Nested(CommunityRefSchema)
    average_stars = fields.Float(allow_none=True)
    ratings = fields.Integer(metadata={"description": "how many units rated it"})
    duty_average = fields.Float(allow_none=True, metadata={
        "description": "the other direction: the average rating of duties units did in this community"})


class CommunityAveragesSchema(Schema):
    year = fields.Integer()
    rows = fields.List(fields.Nested(CommunityAverageSchema))
