"""How long each level has for a work order, per category: a settings JSON
(config/report_deadlines.json, or the file REPORT_DEADLINES names), read
once per file and checked as it is read. Hours from the moment the order
reached the level; past them, the deadline job moves it one level up."""
import json
import threading
from datetime import timedelta

from flask import current_app

from app.reports.rules import CATEGORIES

LEVELS = ("grid", "community", "office")
_cache = {}
_lock = threading.Lock()


class DeadlinesInvalid(ValueError):
    pass


def _check(table, where):
    if not isinstance(table, dict) or set(table) != set(LEVELS):
        raise DeadlinesInvalid(f"{where}: needs hours for exactly {', '.join(LEVELS)}")
    for level, hours in table.items():
        if not isinstance(hours, (int, float)) or isinstance(hours, bool) or not 0 < hours <= 24 * 90:
            raise DeadlinesInvalid(f"{where}.{level}: hours must be a number between 0 and 2160")
    return {level: float(hours) for level, hours in table.items()}


def load(path):
    """{"default": {level: hours}, "categories": {category: {level: hours}}} from ``path``."""
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    unknown = set(raw.get("categories", {})) - set(CATEGORIES)
    if unknown:
        raise DeadlinesInvalid(f"unknown categories: {', '.join(sorted(unknown))}")
    return {"default": _check(raw.get("default"), "default"),
            "categories": {c: _check(t, c) for c, t in raw.get("categories", {}).items()}}


def table():
    path = current_app.config["REPORT_DEADLINES"]
    with _lock:
        if path not in _cache:
            _cache[path] = load(path)
        return _cache[path]


def hours_for(category, level):
    found = table()
    return found["categories"].get(category, found["default"])[level]


def due_at(category, level, start):
    return start + timedelta(hours=hours_for(category, level))
