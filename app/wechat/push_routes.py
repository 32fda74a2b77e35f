"""WeChat's message push (消息推送) to the mini-program's server, JSON mode:
the URL set in the WeChat console's 开发管理 → 消息推送, with the token
WECHAT_PUSH_TOKEN. WeChat signs every push with ``signature`` = SHA-1 of the
token, ``timestamp`` and ``nonce`` sorted and joined; a request without a
valid signature is refused (403) before its body is read.

- ``GET`` with ``echostr``: WeChat checking the URL when it is saved; the
  answer is ``echostr`` itself. Reads nothing, writes nothing.
- ``POST``: an event (``{"MsgType": "event", "Event": ...}``), passed to the
  areas through the signal ``wechat_event_pushed``; the answer is
  ``success`` (anything else and WeChat pushes again, up to three times).

Plain-text (明文) mode only: the safe mode's encrypted bodies are not read.
"""
import hashlib
import hmac
import logging

from flask import Response, current_app, request
from flask_smorest import Blueprint
from marshmallow import fields

from app import signals
from app.errors import APIError
from app.request_body import load_json
from app.schemas import Opaque, Schema

log = logging.getLogger(__name__)

blp = Blueprint("wechat_push", __name__, url_prefix="/api/v1", description="WeChat's message push (callbacks)")


class PushSignatureArgs(Schema):
    signature = Opaque(required=True, metadata={"description": "SHA-1 of sorted(token, timestamp, nonce)"})
    timestamp = Opaque(required=True)
    nonce = Opaque(required=True)


class EchoArgs(PushSignatureArgs):
    echostr = Opaque(required=True, metadata={"description": "echoed back when the signature holds"})


class PushedEventSchema(Schema):
    ToUserName = fields.String()
    FromUserName = fields.String()
    CreateTime = fields.Integer()
    MsgType = fields.String(metadata={"description": "event"})
    Event = fields.String(metadata={"description": "e.g. wxa_media_check"})


def push_signature(token, timestamp, nonce):
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def _require_signature(args):
    expected = push_signature(current_app.config["WECHAT_PUSH_TOKEN"], args["timestamp"], args["nonce"])
    # As bytes: compare_digest refuses str with non-ASCII characters (a TypeError, not a mismatch).
    if not hmac.compare_digest(expected.encode(), args["signature"].encode()):
        log.warning("a WeChat push with a wrong signature was refused")
        raise APIError("push_signature_invalid")


def _text(body):
    return Response(body, mimetype="text/plain")


@blp.route("/wechat/push", methods=["GET"])
@blp.arguments(EchoArgs, location="query")
@blp.response(200, {"type": "string"}, content_type="text/plain", description="echostr, as sent")
@blp.alt_response(403, schema="Error", description="push_signature_invalid")
def verify_push_url(args):
    """WeChat checks the push URL: answers ``echostr`` when the signature holds."""
    _require_signature(args)
    return _text(args["echostr"])


@blp.route("/wechat/push", methods=["POST"])
@blp.arguments(PushSignatureArgs, location="query")
@blp.doc(requestBody={"required": True, "description": "the event, JSON (WeChat may not label it so)",
                      "content": {"*/*": {"schema": PushedEventSchema}}})
@blp.response(200, {"type": "string"}, content_type="text/plain", description="success")
@blp.alt_response(403, schema="Error", description="push_signature_invalid")
def receive_push(args):
    """An event WeChat pushes (``wxa_media_check``: a media check's verdict)."""
    _require_signature(args)
    payload = load_json(request.get_data(cache=True), current_app.config["JSON_MAX_DEPTH"])
    if not isinstance(payload, dict):
        raise APIError("json_invalid")
    if payload.get("appid") not in (None, current_app.config["WECHAT_APPID"]):
        log.warning("a WeChat push for another appid was ignored")
        return _text("success")
    signals.wechat_event_pushed.send(current_app._get_current_object(), event=str(payload.get("Event") or ""),
                                     payload=payload)
    return _text("success")
