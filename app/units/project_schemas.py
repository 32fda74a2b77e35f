"""Request and response shapes of 项目清单: the office's mandatory projects and the units' projects."""
from marshmallow import ValidationError, fields, validate, validates_schema

from app.localtime import LocalDateTime
from app.models import PROJECT_KINDS, PROJECT_STATUSES
from app.schemas import Id, QueryId, Schema, Text
from app.units.list_schemas import UnitRefSchema, YearArgs
from app.units.schemas import CommunityRefSchema, PageArgs, label, page_schema
from app.units.vocabulary import PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS
from app.validators import SERVICE_DATE, text

YEAR = validate.Range(min=2000, max=2099, error="年份须在 2000 到 2099 之间")
STATUS = validate.OneOf(PROJECT_STATUSES, error="状态须为 planned、active、done 或 dropped")


class MandatoryInSchema(Schema):
    year = fields.Integer(strict=True, required=True, validate=YEAR)
    title = Text(required=True, validate=text(64, 1))
    description = Text(allow_none=True, validate=text(2000))


class MandatoryPatchSchema(Schema):
    title = Text(validate=text(64, 1))
    description = Text(allow_none=True, validate=text(2000))


class MandatoryOutSchema(Schema):
    id = fields.Integer()
    year = fields.Integer()
    title = fields.String()
    description = fields.String(allow_none=True)
    units_taking = fields.Integer(metadata={"description": "how many units lead it this year"})


class MandatoryListArgs(YearArgs):
    pass


class ProjectFieldsSchema(Schema):
    title = Text(validate=text(64, 1))
    goals = Text(allow_none=True, validate=text(2000))
    status = Text(validate=STATUS, metadata={"description": " / ".join(PROJECT_STATUSES)})
    community_id = Id(allow_none=True, metadata={"description": "the community it serves; none: the subdistrict"})


class ProjectCreateSchema(ProjectFieldsSchema):
    unit_id = Id(required=True)
    year = fields.Integer(strict=True, required=True, validate=YEAR)
    kind = Text(required=True, validate=validate.OneOf(PROJECT_KINDS, error="项目类型须为 mandatory（必选）或 optional（自选）"))
    mandatory_id = Id(metadata={"description": "必选: the office's project it takes up"})

    @validates_schema
    def kind_needs(self, data, **kwargs):
        if data.get("kind") == "mandatory" and "mandatory_id" not in data:
            raise ValidationError("必选项目须选择街道设定的必选项目", "mandatory_id")
        if data.get("kind") == "optional":
            if "mandatory_id" in data:
                raise ValidationError("自选项目不对应必选项目", "mandatory_id")
            if not data.get("title"):
                raise ValidationError("请填写项目名称", "title")


class ProjectPatchSchema(ProjectFieldsSchema):
    pass


class ProjectListArgs(PageArgs):
    unit_id = QueryId()
    year = fields.Integer(validate=YEAR)
    kind = Text(validate=validate.OneOf(PROJECT_KINDS, error="项目类型须为 mandatory 或 optional"))
    status = Text(validate=STATUS)
    community = QueryId()


class MilestoneInSchema(Schema):
    title = Text(required=True, validate=text(64, 1))
    due_on = fields.Date(allow_none=True, validate=SERVICE_DATE)


class MilestoneSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    due_on = fields.Date(allow_none=True)
    done_on = fields.Date(allow_none=True)


class LinkEventSchema(Schema):
    event_id = Id(required=True)


class LinkedEventSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    status = fields.String()
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    attendance = fields.Integer(metadata={"description": "people who checked in"})
    unit_hours = fields.Float(metadata={"description": "volunteer hours of the unit's people there"})


class ProgressSchema(Schema):
    events_linked = fields.Integer()
    events_held = fields.Integer(metadata={"description": "linked events that took place (ended, not cancelled)"})
    attendance = fields.Integer(metadata={"description": "check-ins at the linked events (one a person an event)"})
    unit_volunteer_hours = fields.Float(metadata={"description": "hours the unit's people served at them"})
    milestones_total = fields.Integer()
    milestones_done = fields.Integer()
    percent = fields.Integer(allow_none=True, metadata={
        "description": "milestones done of all (100 when the project is done; null without milestones)"})


class MandatoryRefSchema(Schema):
    id = fields.Integer()
    title = fields.String()


class ProjectSchema(Schema):
    id = fields.Integer()
    unit = fields.Nested(UnitRefSchema)
    year = fields.Integer()
    kind = fields.String()
    kind_label = label("kind", PROJECT_KIND_LABELS)
    mandatory = fields.Nested(MandatoryRefSchema, allow_none=True)
    title = fields.String()
    goals = fields.String(allow_none=True)
    status = fields.String()
    status_label = label("status", PROJECT_STATUS_LABELS)
    community = fields.Nested(CommunityRefSchema, allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneSchema))
    events = fields.List(fields.Nested(LinkedEventSchema))
    progress = fields.Nested(ProgressSchema)
    can_edit = fields.Boolean()


ProjectPageSchema = page_schema(ProjectSchema, "ProjectPage")
