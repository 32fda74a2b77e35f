from marshmallow import fields

from app.localtime import LocalDateTime
from app.schemas import Schema


class ExportJobSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "hours"})
    params = fields.Dict(required=True, metadata={"description": "what was asked for (hours: from, to)"})
    status = fields.String(required=True, metadata={"description": "queued, running, done, failed, expired"})
    rows_done = fields.Integer(required=True)
    rows_total = fields.Integer(allow_none=True, metadata={"description": "rows counted when the job was made"})
    percent = fields.Integer(required=True)
    error_message = fields.String(allow_none=True, metadata={"description": "why it failed (Chinese)"})
    created_at = LocalDateTime(required=True)
    finished_at = LocalDateTime(allow_none=True)
    expires_at = LocalDateTime(allow_none=True, metadata={"description": "the file is deleted then (a day later)"})
    download = fields.String(allow_none=True, metadata={"description": "the file's path once done"})
