"""Subscribe-message templates the emulated mini-program has added to its account.

They come from ``config/subscribe_templates.json`` at the repo root (the app reads
the same file), or from the path in the ``templates`` option / ``EMULATOR_TEMPLATES``.
Format::

    {"templates": [{"name": "event_reminder", "id": "...", "title": "活动开始提醒",
                    "fields": [{"key": "thing1", "type": "thing", "label": "活动名称"}, ...]}]}
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .fields import FIELD_TYPES

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEMPLATES_PATH = REPO_ROOT / "config" / "subscribe_templates.json"
_KEY_RE = re.compile(r"^([a-z_]+?)(\d+)$")


@dataclass(frozen=True)
class Template:
    name: str
    id: str
    title: str
    fields: tuple = ()
    keywords: dict = field(default_factory=dict)  # key -> type, in template order

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "id": self.id,
            "title": self.title,
            "fields": [dict(f) for f in self.fields],
        }


def _build(entry: dict) -> Template:
    try:
        name, tid, title, raw_fields = entry["name"], entry["id"], entry.get("title", ""), entry["fields"]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"template entry needs name, id and fields: {entry!r}") from exc
    keywords = {}
    fields = []
    for f in raw_fields:
        key, ftype = f["key"], f["type"]
        if ftype not in FIELD_TYPES:
            raise ValueError(f"template {name}: unknown field type {ftype!r}")
        m = _KEY_RE.match(key)
        if not m or m.group(1) != ftype:
            raise ValueError(f"template {name}: key {key!r} must be its type followed by a number, e.g. {ftype}1")
        if key in keywords:
            raise ValueError(f"template {name}: duplicate key {key!r}")
        keywords[key] = ftype
        fields.append({"key": key, "type": ftype, "label": f.get("label", "")})
    return Template(name=name, id=tid, title=title, fields=tuple(fields), keywords=keywords)


def load_templates(source=None) -> list[Template]:
    """Templates from a path, a list of dicts, a {"templates": [...]} dict, or the default file."""
    if source is None:
        source = os.environ.get("EMULATOR_TEMPLATES") or DEFAULT_TEMPLATES_PATH
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8") as fh:
            source = json.load(fh)
    if isinstance(source, dict):
        source = source.get("templates", [])
    templates = [t if isinstance(t, Template) else _build(t) for t in source]
    ids = [t.id for t in templates]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate template ids")
    return templates
