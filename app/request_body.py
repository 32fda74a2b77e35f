"""One gate for request bodies, before any handler (and before login checks):

- larger than MAX_CONTENT_LENGTH: 413 ``payload_too_large``;
- an endpoint that takes a JSON body given another content type (text/plain,
  a form, XML): 415 ``unsupported_media_type``, instead of a silent ``{}``;
- such an endpoint given no body at all: 422 ``body_required`` (an empty
  object ``{}`` is a body; the mini-program always sends one);
- JSON that does not parse: 400 ``json_invalid``; nested deeper than
  JSON_MAX_DEPTH: 400 ``json_too_deep`` (the parser would otherwise recurse
  until Python gives up, a 500);
- a NUL character anywhere in the JSON or the query: 422 (PostgreSQL cannot
  store NUL in text, and no honest client sends one).

An endpoint that takes files (``POST /api/v1/uploads``) may have a larger
limit of its own (``allow_larger_body``), with its own error; a multipart
body is never taken for JSON.

Which endpoints take a JSON body is read once from the API's own
declarations (``@blp.arguments(..., location="json")`` or a documented
``requestBody``), so a new endpoint is covered without a line of its own.
"""
import json

from flask import current_app, request

from app.errors import APIError

BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def json_body_endpoints(app):
    """{endpoint: body required?} for every view that reads a JSON body."""
    found = {}
    for endpoint, view in app.view_functions.items():
        doc = getattr(view, "_apidoc", None) or {}
        for parameter in doc.get("arguments", {}).get("parameters", []):
            if isinstance(parameter, dict) and parameter.get("in") == "json":
                found[endpoint] = bool(parameter.get("required", True))
        body = doc.get("manual_doc", {}).get("requestBody")
        if body and "application/json" in body.get("content", {}):
            found[endpoint] = bool(body.get("required", False))
    return found


def json_depth_exceeds(value, limit):
    """True when ``value`` nests lists/objects more than ``limit`` deep
    (iterative: no recursion, whatever the input)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def load_json(raw, max_depth):
    """The parsed body, or APIError json_invalid / json_too_deep."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise APIError("json_too_deep", details={"max_depth": max_depth}) from None
    except (ValueError, UnicodeDecodeError):
        raise APIError("json_invalid") from None
    if json_depth_exceeds(data, max_depth):
        raise APIError("json_too_deep", details={"max_depth": max_depth})
    return data


def _nul_path(value, path=""):
    """The dotted path of the first string holding a NUL character, or None
    (the depth was bounded before this recursion runs)."""
    if isinstance(value, str):
        return path or "_" if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return f"{path}.{key}".strip(".")
        found = _nul_path(item, f"{path}.{key}".strip("."))
        if found:
            return found
    return None


def _refuse_nul(location, payload):
    field = _nul_path(payload) if payload is not None else None
    if field:
        raise APIError("validation_failed", status=422, details={location: {field: ["内容包含无效字符"]}})


def allow_larger_body(app, endpoint, max_bytes, error):
    """Let ``endpoint`` take bodies up to ``max_bytes``; a larger one is
    refused with ``error`` (an APIError) instead of payload_too_large."""
    app.extensions.setdefault("jusha_body_limits", {})[endpoint] = (max_bytes, error)


def guard_body():
    config = current_app.config
    limit, error = config.get("MAX_CONTENT_LENGTH"), None
    larger = current_app.extensions.get("jusha_body_limits", {}).get(request.endpoint)
    if larger:
        limit, error = larger
        # Werkzeug's form parser stops a body without Content-Length (chunked) at this limit.
        request.max_content_length = limit
    if limit and request.content_length is not None and request.content_length > limit:
        raise error or APIError("payload_too_large", details={"max_bytes": limit})
    _refuse_nul("query", request.args.to_dict(flat=False))

    takes_json = request.method in BODY_METHODS and request.endpoint in current_app.extensions["jusha_json_bodies"]
    if not (takes_json or request.is_json):
        return
    raw = request.get_data(cache=True)  # bounded by MAX_CONTENT_LENGTH (413), chunked bodies too
    has_body = bool(raw.strip())
    if takes_json:
        if has_body and not request.is_json:
            raise APIError("unsupported_media_type")
        if not has_body and current_app.extensions["jusha_json_bodies"][request.endpoint]:
            raise APIError("body_required")
    if request.is_json and has_body:
        data = load_json(raw, config["JSON_MAX_DEPTH"])
        _refuse_nul("json", data)
        request._cached_json = (data, data)  # Flask's get_json cache: parsed once, depth-checked


def init_app(app):
    """Call after every blueprint is registered."""
    app.extensions["jusha_json_bodies"] = json_body_endpoints(app)
    # After the request id is assigned (so a refusal is logged with it); no
    # earlier hook reads the body.
    app.before_request(guard_body)
