"""The one set of schema pieces every area uses: a base ``Schema`` whose
error messages are Chinese, strict row ids (``Id``), free text with one rule
(``Text``), opaque codes (``Opaque``), and the shapes shared across areas.

Chinese messages are applied centrally when a field binds to a schema:
every marshmallow message still in English (a field's ``invalid``,
``required``…, and the built-in validators' Length, Range, OneOf, Regexp,
Equal, URL, Email) is replaced by its Chinese counterpart, so a validator
written as ``validate.Length(max=32)`` answers "长度不能超过 32" without
each schema spelling it out. A message already in Chinese is left alone.
"""
import re

from marshmallow import Schema as _MarshmallowSchema
from marshmallow import fields, pre_dump, validate

from app.auth import policy, roles
from app.localtime import LocalDateTime

MAX_ID = 2**31 - 1
ISO_EXAMPLE = "2026-12-13T09:00:00+08:00"
# Newlines and tabs are fine; the rest would only garble a phone's screen (and
# PostgreSQL refuses NUL in text). The one definition of the class.
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")

_COMMON = {
    "required": "必填项",
    "null": "不能为空",
    "validator_failed": "取值不符合要求",
    "invalid_utf8": "文字编码不正确",
    "too_large": "数值过大",
    "special": "不支持 NaN 或无穷大",
    "format": "格式不正确",
    "invalid_awareness": f"时间必须带时区，例如 {ISO_EXAMPLE}",
    "type": "格式不正确",
    "unknown": "取值不正确",
    "control": "不能包含控制字符",
}

# Most specific class first: the first match names the "invalid" message.
_INVALID = (
    (fields.Boolean, "请填写 true 或 false"),
    (fields.Integer, "请输入整数"),
    (fields.Number, "请输入数字"),
    (fields.DateTime, f"请输入 ISO 8601 时间，例如 {ISO_EXAMPLE}"),
    (fields.Date, "请输入日期，例如 2026-12-13"),
    (fields.Email, "邮箱地址不正确"),
    (fields.Url, "网址不正确"),
    (fields.String, "请输入文字"),
    (fields.List, "请提交列表"),
    (fields.Tuple, "请提交列表"),
    (fields.Mapping, "请提交对象"),
)


def is_chinese(message):
    """True for a message a Chinese reader can use (it holds non-ASCII text)."""
    return isinstance(message, str) and not message.isascii()


class Schema(_MarshmallowSchema):
    """The base of every request and response schema: Chinese messages."""

    error_messages = {"unknown": "不支持的字段", "type": "请求格式不正确"}

    def on_bind_field(self, field_name, field_obj):
        translate_field(field_obj)


# The events area's historical name for the same base.
ChineseSchema = Schema


def translate_field(field_obj):
    """Put every English message of ``field_obj`` (and of its inner fields
    and validators) into Chinese. Idempotent; messages in Chinese stay."""
    messages = field_obj.error_messages
    for key, message in list(messages.items()):
        if is_chinese(message):
            continue
        if key == "invalid":
            messages[key] = next((text for kind, text in _INVALID if isinstance(field_obj, kind)), "格式不正确")
        else:
            messages[key] = _COMMON.get(key, "取值不符合要求")
    for validator in field_obj.validators:
        translate_validator(validator)
    for inner in (getattr(field_obj, "inner", None), getattr(field_obj, "key_field", None),
                  getattr(field_obj, "value_field", None), *(getattr(field_obj, "tuple_fields", None) or ())):
        if isinstance(inner, fields.Field):
            translate_field(inner)


_RANGE_WORDS = {"message_gte": "大于或等于", "message_gt": "大于", "message_lte": "小于或等于", "message_lt": "小于"}


def translate_validator(validator):
    """Chinese messages for marshmallow's built-in validators (in place)."""
    if isinstance(validator, validate.Length):
        if validator.error is None or not is_chinese(validator.error):
            validator.error = None
            validator.message_min = "长度不能少于 {min}"
            validator.message_max = "长度不能超过 {max}"
            validator.message_all = "长度须在 {min} 到 {max} 之间"
            validator.message_equal = "长度须为 {equal}"
    elif isinstance(validator, validate.Range):
        if validator.error is None or not is_chinese(validator.error):
            validator.error = None
            low = _RANGE_WORDS["message_gte" if validator.min_inclusive else "message_gt"]
            high = _RANGE_WORDS["message_lte" if validator.max_inclusive else "message_lt"]
            validator.message_min = f"须{low} {{min}}"
            validator.message_max = f"须{high} {{max}}"
            validator.message_all = f"须{low} {{min}}，且{high} {{max}}"
    elif hasattr(validator, "error") and not is_chinese(validator.error):
        validator.error = _VALIDATOR_MESSAGES.get(type(validator).__name__, "取值不符合要求")


_VALIDATOR_MESSAGES = {
    "OneOf": "取值须为以下之一：{choices}",
    "ContainsOnly": "包含不允许的选项",
    "ContainsNoneOf": "包含不允许的选项",
    "Regexp": "格式不正确",
    "Equal": "取值不正确",
    "NoneOf": "取值不允许",
    "URL": "网址不正确",
    "Email": "邮箱地址不正确",
}


class Id(fields.Integer):
    """A row id in a JSON body: a whole number from 1 to MAX_ID. Floats
    (``34.9`` is not user 34), booleans and strings are refused."""

    default_error_messages = {"invalid": "编号须为正整数"}

    def __init__(self, **kwargs):
        extra = kwargs.pop("validate", None)
        checks = [validate.Range(min=1, max=MAX_ID, error="编号须为 1 到 2147483647 之间的整数")]
        checks += list(extra) if isinstance(extra, (list, tuple)) else [extra] if extra else []
        super().__init__(strict=True, validate=checks, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return super()._validated(value)


class QueryId(Id):
    """A row id in a query string, where everything is text: only plain
    digits (``?team_id=3``), never ``3.5``, ``+3`` or `` 3``."""

    _DIGITS = re.compile(r"^[0-9]{1,10}$")

    def _validated(self, value):
        if isinstance(value, str) and self._DIGITS.match(value):
            value = int(value)
        return super()._validated(value)


class _TextRule:
    """The one rule for free text: surrounding whitespace trimmed, then
    refused when it holds a control character (newlines and tabs are fine).
    Validators see the trimmed text, so "   " is empty."""

    default_error_messages = {"control": "不能包含控制字符"}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if _CONTROL.search(text):
            raise self.make_error("control")
        return text


class Text(_TextRule, fields.String):
    """Free text (names, notes, reasons, choices): the text rule."""


class Url(_TextRule, fields.Url):
    """A web address, under the text rule too."""


class Opaque(fields.String):
    """A code or token taken as it is (a wx.login code, a scanned QR text):
    judged by whoever issued it, so neither trimmed nor filtered here."""


class ErrorDetailSchema(Schema):
    code = fields.String(required=True, metadata={"description": "stable machine-readable code"})
    message = fields.String(required=True, metadata={"description": "Chinese message for the user"})
    details = fields.Raw(metadata={"description": "optional extra facts, e.g. field errors"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class CommunitySchema(Schema):
    id = fields.Integer()
    name = fields.String()
    code = fields.String()


class ScopeSchema(Schema):
    """An organiser's community or member unit (kept for older clients; ``roles`` says more)."""

    id = fields.Integer(metadata={"description": "the role grant's id"})
    community_id = fields.Integer(allow_none=True)
    member_unit_id = fields.Integer(allow_none=True)


class HeldRoleSchema(Schema):
    role = fields.String(metadata={"description": "resident | volunteer | organiser | unit_contact | admin"})
    scope_kind = fields.String(metadata={"description": "subdistrict | community | grid | member_unit | party_branch | squad"})
    scope_id = fields.Integer(allow_none=True)
    grant_id = fields.Integer(allow_none=True, metadata={"description": "null for roles that follow from who one is"})


class GrantSchema(Schema):
    """A role held over a scope, live or (with revoked_at) taken away."""

    id = fields.Integer()
    user_id = fields.Integer()
    role = fields.String()
    scope_kind = fields.String()
    scope_id = fields.Integer(allow_none=True)
    granted_by_id = fields.Integer(allow_none=True)
    granted_at = LocalDateTime()
    revoked_by_id = fields.Integer(allow_none=True)
    revoked_at = LocalDateTime(allow_none=True)


def _organiser_scopes(user):
    return [{"id": g.id, "community_id": g.scope_id if g.scope_kind == roles.COMMUNITY else None,
             "member_unit_id": g.scope_id if g.scope_kind == roles.MEMBER_UNIT else None}
            for g in sorted(user.grants, key=lambda g: g.id) if g.role == roles.ORGANISER]


class UserSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    role = fields.String(metadata={"description": "the most powerful role held, for display; see roles"})
    roles = fields.List(fields.Nested(HeldRoleSchema), metadata={"description": "every role held and its scope"})
    community = fields.Nested(CommunitySchema, allow_none=True)
    scopes = fields.List(fields.Nested(ScopeSchema))
    created_at = LocalDateTime()

    @pre_dump
    def present(self, user, **kwargs):
        """A person as every area shows them: their roles come from the policy."""
        if isinstance(user, dict):
            return user
        held = policy.roles_held(user)
        return {"id": user.id, "name": user.name, "phone": user.phone, "role": policy.primary_role(user, held),
                "roles": held, "community": user.community,
                "scopes": _organiser_scopes(user), "created_at": user.created_at}
