"""Request and response shapes of 随手拍 work orders (OpenAPI comes from these)."""
from marshmallow import fields, validate

from app.localtime import LocalDateTime
from app.models import REJECT_REASONS, WORK_ORDER_LEVELS, WORK_ORDER_STATUSES
from app.reports.rules import CATEGORIES, PHOTO_LIMIT
from app.schemas import Id, QueryId, Schema, Text

MAX_OFFSET = 1_000_000


def _text(low, high, message, **kwargs):
    return Text(validate=validate.Length(min=low, max=high, error=message), **kwargs)


def _photo_ids():
    return fields.List(Id(), load_default=list, validate=validate.Length(max=PHOTO_LIMIT, error="最多 9 张照片"),
                       metadata={"description": "ids of uploads (POST /api/v1/uploads, purpose report_photo)"})


class ReportCreateSchema(Schema):
    category = Text(required=True, validate=validate.OneOf(tuple(CATEGORIES), error="请选择问题类别"),
                    metadata={"description": " | ".join(CATEGORIES)})
    description = _text(2, 1000, "问题描述需为 2 到 1000 个字", required=True)
    latitude = fields.Float(required=True, validate=validate.Range(min=3, max=54, error="纬度不正确"),
                            metadata={"description": "GCJ-02, as wx.getLocation / wx.chooseLocation return"})
    longitude = fields.Float(required=True, validate=validate.Range(min=73, max=136, error="经度不正确"))
    place = _text(0, 255, "地点不能超过 255 个字", allow_none=True)
    photo_ids = _photo_ids()
    source = Text(load_default="resident", validate=validate.OneOf(("resident", "patrol", "household_visit"),
                                                                    error="来源不正确"),
                  metadata={"description": "resident (随手拍), patrol, household_visit (the page's ?source=)"})
    source_ref = _text(1, 64, "来源编号不能超过 64 个字", allow_none=True,
                       metadata={"description": "what it came from, e.g. the patrol's id (?source_ref=)"})


class WorkOrderListArgs(Schema):
    scope = Text(load_default="visible", validate=validate.OneOf(("visible", "mine", "todo"), error="范围不正确"),
                 metadata={"description": "visible: all I may see; mine: reported by me; todo: at my level, "
                                          "for me to act on (a grid worker's 我的工单)"})
    status = Text(validate=validate.OneOf(WORK_ORDER_STATUSES, error="状态不正确"))
    level = Text(validate=validate.OneOf(WORK_ORDER_LEVELS, error="层级不正确"))
    community_id = QueryId()
    grid_id = QueryId()
    overdue = fields.Boolean(load_default=False, metadata={"description": "open and past its deadline"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100, error="每页 1 到 100 条"))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET, error="偏移量不正确"))


class WorkOrderNoteSchema(Schema):
    note = _text(0, 500, "说明不能超过 500 个字", allow_none=True)


class WorkOrderProgressSchema(Schema):
    note = _text(1, 500, "请填写处理情况（不超过 500 个字）", required=True)
    photo_ids = _photo_ids()


class WorkOrderCloseSchema(Schema):
    note = _text(1, 500, "请填写办理结果（不超过 500 个字）", required=True)
    photo_ids = _photo_ids()


class WorkOrderReasonSchema(Schema):
    reason = _text(2, 500, "请填写原因（2 到 500 个字）", required=True)


class WorkOrderRejectSchema(Schema):
    reason = Text(required=True, validate=validate.OneOf(REJECT_REASONS, error="请选择不予受理的原因"),
                  metadata={"description": "not_a_problem | duplicate"})
    note = _text(0, 500, "说明不能超过 500 个字", allow_none=True)
    duplicate_of_id = Id(allow_none=True, metadata={"description": "the order this one repeats"})


class WhistleFromOrderSchema(Schema):
    title = _text(2, 64, "标题需为 2 到 64 个字", allow_none=True,
                  metadata={"description": "default: the category and the description"})
    needed_by = LocalDateTime(required=True, metadata={"description": "when the units are needed (1–72 hours away)"})
    unit_ids = fields.List(Id(), load_default=list)
    to_all_units = fields.Boolean(load_default=False)


class NeedFromOrderSchema(Schema):
    title = _text(2, 64, "标题需为 2 到 64 个字", allow_none=True)
    kind = Text(required=True, validate=validate.OneOf(
        ("venue", "lecturer", "volunteers", "funds", "professional", "goods"), error="需求类别不正确"))
    service = _text(0, 32, "服务项目不能超过 32 个字", allow_none=True)


class WorkOrderRatingSchema(Schema):
    rating = fields.Integer(required=True, validate=validate.Range(min=1, max=5, error="评分应为 1 到 5 星"))
    comment = _text(0, 500, "评价不能超过 500 个字", allow_none=True)


class WorkOrderNamedSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class WorkOrderPhotoSchema(Schema):
    id = fields.Integer()
    url = fields.String(allow_none=True)
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)


class WorkOrderSchema(Schema):
    id = fields.Integer()
    category = fields.String()
    category_label = fields.String()
    description = fields.String()
    place = fields.String(allow_none=True)
    latitude = fields.Float()
    longitude = fields.Float()
    photos = fields.List(fields.Nested(WorkOrderPhotoSchema))
    source = fields.String()
    source_label = fields.String()
    source_ref = fields.String(allow_none=True)
    community = fields.Nested(WorkOrderNamedSchema)
    grid = fields.Nested(WorkOrderNamedSchema, allow_none=True)
    level = fields.String(metadata={"description": "grid | community | office"})
    level_label = fields.String()
    status = fields.String(metadata={"description": "submitted | accepted | in_progress | closed | rejected"})
    status_label = fields.String()
    reporter = fields.Nested(WorkOrderNamedSchema, allow_none=True, metadata={"description": "to its handlers only"})
    assignee = fields.Nested(WorkOrderNamedSchema, allow_none=True)
    due_at = LocalDateTime()
    overdue = fields.Boolean(metadata={"description": "open past its deadline, or a deadline missed before"})
    closed_at = LocalDateTime(allow_none=True)
    closed_level = fields.String(allow_none=True)
    close_note = fields.String(allow_none=True)
    evidence = fields.List(fields.Nested(WorkOrderPhotoSchema))
    reject_reason = fields.String(allow_none=True)
    reject_label = fields.String(allow_none=True)
    duplicate_of_id = fields.Integer(allow_none=True)
    rating = fields.Integer(allow_none=True)
    rating_comment = fields.String(allow_none=True)
    whistle_id = fields.Integer(allow_none=True)
    need_id = fields.Integer(allow_none=True)
    created_at = LocalDateTime()
    reopen_until = LocalDateTime(allow_none=True)
    mine = fields.Boolean()
    actions = fields.List(fields.String(), metadata={
        "description": "what the viewer may do now: accept, progress, close, escalate, reject, whistle, need, "
                       "rate, reopen"})


class WorkOrderPageSchema(Schema):
    items = fields.List(fields.Nested(WorkOrderSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class WorkOrderStepSchema(Schema):
    id = fields.Integer()
    action = fields.String()
    action_label = fields.String()
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    from_level = fields.String(allow_none=True)
    to_level = fields.String(allow_none=True)
    actor = fields.Nested(WorkOrderNamedSchema, allow_none=True)
    note = fields.String(allow_none=True)
    photos = fields.List(fields.Nested(WorkOrderPhotoSchema))
    at = LocalDateTime()


class ReportCategorySchema(Schema):
    value = fields.String()
    label = fields.String()
    hours = fields.Dict(keys=fields.String(), values=fields.Float(),
                        metadata={"description": "deadline hours per level: grid, community, office"})


class ReportFiguresArgs(Schema):
    month = Text(validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="月份格式应为 2026-12"),
                 metadata={"description": "YYYY-MM (Beijing time); default: this month"})
    community_id = QueryId()
    format = Text(load_default="json", validate=validate.OneOf(("json", "xlsx", "png"), error="格式应为 json、xlsx 或 png"))


class ReportFigureRowSchema(Schema):
    community = fields.Nested(WorkOrderNamedSchema, allow_none=True, metadata={"description": "null: the total row"})
    grid = fields.Nested(WorkOrderNamedSchema, allow_none=True, metadata={"description": "null: the community's total"})
    reports = fields.Integer()
    closed_in_grid = fields.Integer()
    closed_in_community = fields.Integer()
    closed_above = fields.Integer(metadata={"description": "closed by the subdistrict office"})
    rejected = fields.Integer()
    open = fields.Integer()
    overdue = fields.Integer()
    median_hours_to_close = fields.Float(allow_none=True)
    in_grid_rate = fields.Float(allow_none=True, metadata={
        "description": "小事不出网格: closed in the grid / closed, 0–1"})


class ReportFiguresSchema(Schema):
    month = fields.String()
    rows = fields.List(fields.Nested(ReportFigureRowSchema),
                       metadata={"description": "per grid, then the community's total"})
    total = fields.Nested(ReportFigureRowSchema,
                          metadata={"description": "every row counted together (community: null)"})
