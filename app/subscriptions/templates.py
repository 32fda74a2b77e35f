"""The subscribe-message templates this mini-program has added, read from
``config/subscribe_templates.json`` (the emulator reads the same file)."""
import json
import threading
from dataclasses import dataclass

from flask import current_app

from app.errors import APIError
from app.subscriptions.fields import FIELD_RULES


@dataclass(frozen=True)
class TemplateField:
    key: str
    type: str
    label: str

    def describe(self):
        rule = FIELD_RULES[self.type]
        return {"key": self.key, "type": self.type, "label": self.label,
                "max_length": rule.max_length, "rule": rule.description}


@dataclass(frozen=True)
class Template:
    name: str
    id: str
    title: str
    fields: tuple

    def field(self, key):
        return next((f for f in self.fields if f.key == key), None)

    def describe(self):
        return {"id": self.id, "name": self.name, "title": self.title,
                "template_fields": [f.describe() for f in self.fields]}


_cache = {}
_cache_lock = threading.Lock()


def _load(path):
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    templates = []
    for entry in raw.get("templates", []):
        fields = []
        for f in entry["fields"]:
            if f["type"] not in FIELD_RULES:
                raise ValueError(f"template {entry['name']}: unknown field type {f['type']!r}")
            fields.append(TemplateField(f["key"], f["type"], f.get("label") or f["key"]))
        templates.append(Template(entry["name"], entry["id"], entry.get("title", ""), tuple(fields)))
    return tuple(templates)


def all_templates():
    path = current_app.config["SUBSCRIBE_TEMPLATES"]
    with _cache_lock:
        if path not in _cache:
            _cache[path] = _load(path)
        return _cache[path]


def find(template_id_or_name):
    """The template with this WeChat id (or configured name), else None."""
    for template in all_templates():
        if template_id_or_name in (template.id, template.name):
            return template
    return None


def get(template_id_or_name):
    template = find(template_id_or_name)
    if template is None:
        raise APIError("unknown_template")
    return template
