"""Shapes of the yearly fulfilment report, the ranking and the units' ratings of communities."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.schemas import Schema, Text
from app.units.list_schemas import YearArgs
from app.units.project_schemas import ProgressSchema
from app.units.schemas import CommunityRefSchema


class ReportArgs(YearArgs):
    format = Text(load_default="json", validate=validate.OneOf(("json", "xlsx", "pdf"), error="格式须为 json、xlsx 或 pdf"))


class RankingArgs(YearArgs):
    format = Text(load_default="json", validate=validate.OneOf(("json", "png"), error="格式须为 json 或 png"))


class ReportUnitSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    level = fields.String()
    level_label = fields.String()
    community = fields.Nested(CommunityRefSchema, allow_none=True)


class DutyFiguresSchema(Schema):
    accepted = fields.Integer(metadata={"description": "duties accepted (接单) in the year"})
    done = fields.Integer(metadata={"description": "duties done in the year"})
    on_time = fields.Integer(metadata={"description": "done no later than due_by (or with no due date)"})
    on_time_rate = fields.Float(allow_none=True)
    rated = fields.Integer()
    average_rating = fields.Float(allow_none=True)


class WhistleFiguresSchema(Schema):
    addressed = fields.Integer(metadata={"description": "whistles of the year to this unit or to all units"})
    reported = fields.Integer(metadata={"description": "of those, the ones it reported for duty to"})
    response_rate = fields.Float(allow_none=True)
    average_response_minutes = fields.Integer(allow_none=True)


class ReportProjectSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    status = fields.String()
    status_label = fields.String()
    progress = fields.Nested(ProgressSchema)


class ProjectFiguresSchema(Schema):
    total = fields.Integer()
    mandatory = fields.Integer()
    optional = fields.Integer()
    done = fields.Integer()
    items = fields.List(fields.Nested(ReportProjectSchema))


class GivenRatingSchema(Schema):
    community = fields.Nested(CommunityRefSchema)
    stars = fields.Integer()
    comment = fields.String(allow_none=True)


class UnitReportSchema(Schema):
    unit = fields.Nested(ReportUnitSchema)
    year = fields.Integer()
    duties = fields.Nested(DutyFiguresSchema)
    whistles = fields.Nested(WhistleFiguresSchema)
    projects = fields.Nested(ProjectFiguresSchema)
    events_hosted = fields.Integer(metadata={"description": "events it hosted that took place in the year"})
    volunteer_hours = fields.Float(metadata={"description": "hours its people served (see docs/alliance-units.md)"})
    community_ratings = fields.List(fields.Nested(GivenRatingSchema), metadata={
        "description": "双向评价: the communities this unit rated this year"})
    points = fields.Integer(metadata={"description": "the ranking's points (see scoring)"})
    scoring = fields.String()
    generated_at = LocalDateTime()


class RankingRowSchema(Schema):
    rank = fields.Integer()
    unit = fields.Nested(ReportUnitSchema)
    points = fields.Integer()
    duties_done = fields.Integer()
    duties_on_time = fields.Integer()
    average_rating = fields.Float(allow_none=True)
    whistle_reports = fields.Integer()
    events_hosted = fields.Integer()
    volunteer_hours = fields.Float()
    projects_done = fields.Integer()
    projects_total = fields.Integer()


class RankingSchema(Schema):
    year = fields.Integer()
    rows = fields.List(fields.Nested(RankingRowSchema))
    scoring = fields.String()
