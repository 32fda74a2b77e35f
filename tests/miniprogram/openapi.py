"""Reading the backend's OpenAPI document the way the mini-program uses it:
operations by normalised path, request and response fields by dotted path
("a.b" into an object, "a[].b" / "[].b" into a list's items)."""
import re

PATH_PARAM = re.compile(r"\{[^}]+\}")


def normalise(path):
    """/api/v1/events/{id} and /api/v1/events/{event_id} are the same path."""
    return PATH_PARAM.sub("{}", path)


def operations(spec):
    """{(METHOD, normalised path): (real path, operation)}"""
    found = {}
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                found[(method.upper(), normalise(path))] = (path, operation, item.get("parameters", []))
    return found


def resolve(spec, schema):
    """Follow $ref, and merge allOf/anyOf/oneOf alternatives (nullable nested
    schemas come as anyOf [null-ish object, $ref]) into one view."""
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema:
        node = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
        seen += 1
        if seen > 50:
            raise ValueError("circular $ref")
    if not isinstance(schema, dict):
        return {}
    alternatives = schema.get("allOf") or schema.get("anyOf") or schema.get("oneOf")
    if not alternatives:
        return schema
    merged = {k: v for k, v in schema.items() if k not in ("allOf", "anyOf", "oneOf")}
    properties = dict(merged.get("properties", {}))
    required = list(merged.get("required", []))
    for alternative in alternatives:
        part = resolve(spec, alternative)
        properties.update(part.get("properties", {}))
        required += part.get("required", []) if "allOf" in schema else []
        for key in ("type", "items", "additionalProperties"):
            if key in part and key not in merged:
                merged[key] = part[key]
    if properties:
        merged["properties"] = properties
    merged["required"] = required
    return merged


def tokens(dotted):
    """"[].fields[].key" -> ["[]", "fields", "[]", "key"]"""
    out = []
    for piece in dotted.split("."):
        if piece == "[]":
            out.append("[]")
        elif piece.endswith("[]"):
            out += [piece[:-2], "[]"]
        else:
            out.append(piece)
    return out


def _shown(walked):
    return "".join(t if t == "[]" or i == 0 else "." + t for i, t in enumerate(walked))


def field_problem(spec, schema, dotted):
    """None when ``dotted`` names a field of ``schema``, else why not."""
    node = schema
    walked = []
    for token in tokens(dotted):
        node = resolve(spec, node)
        if token == "[]":
            if node.get("type") != "array":
                return f"{_shown(walked) or 'the answer'} is not a list"
            node = node.get("items", {})
        else:
            properties = node.get("properties")
            if not properties or token not in properties:
                where = _shown(walked) or "the schema"
                known = ", ".join(sorted(properties or {})) or "no properties"
                return f"{where} has no field {token!r} (it has: {known})"
            node = properties[token]
        walked.append(token)
    return None


def json_request_schema(operation):
    body = operation.get("requestBody", {}).get("content", {})
    return (body.get("application/json") or {}).get("schema")


def query_parameters(spec, operation, path_level):
    params = {}
    for param in list(path_level) + list(operation.get("parameters", [])):
        param = resolve(spec, param)
        if param.get("in") == "query":
            params[param["name"]] = param
    return params


def success_responses(operation):
    return {code: response for code, response in operation.get("responses", {}).items()
            if str(code).startswith("2")}


def json_response_schema(spec, operation):
    for code in sorted(success_responses(operation)):
        response = resolve(spec, operation["responses"][code])
        schema = (response.get("content", {}).get("application/json") or {}).get("schema")
        if schema is not None:
            return schema
    return None


def binary_content_types(spec, operation):
    types = set()
    for code, response in success_responses(operation).items():
        types.update(t for t in resolve(spec, response).get("content", {}) if t != "application/json")
    return types


def needs_login_only(operation):
    """True when the operation accepts only a bearer token (no anonymous option)."""
    security = operation.get("security")
    return bool(security) and {} not in security
