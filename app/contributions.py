"""Sections one area adds to what another area shows, without either
importing the other's insides (the read-side sibling of app/signals.py).

Kinds of contribution, who shows them and what ``build`` is called with:

``personal_data``
    Shown by see-my-data (GET /api/v1/me/data, ``app.volunteers.privacy``),
    under ``areas``: ``build(user)``. Every area holding personal data of its
    own (party membership, learning, households, mediation cases) adds one.
    Erasing that data on account closing is the area's receiver of the
    ``account_closed`` signal.
``learning_record``
    Shown by the party member's learning record (GET /api/v1/me/learning and
    per branch, ``app.party``): ``build(user_id, year)``, e.g. the contests'
    results from ``app.quiz``.

An area registers in its ``init_app``; a section returns JSON-ready values
(ISO strings for dates).
"""
from flask import current_app

KINDS = ("personal_data", "learning_record")
_KEY = "jusha.contributions"


def contribute(app, kind, name, build):
    """Add the section ``name`` to ``kind``; ``build`` makes it on demand."""
    if kind not in KINDS:
        raise ValueError(f"unknown contribution kind {kind!r}")
    sections = app.extensions.setdefault(_KEY, {}).setdefault(kind, {})
    if name in sections:
        raise ValueError(f"{kind} section {name!r} contributed twice")
    sections[name] = build


def collect(kind, *args, **kwargs):
    """Every section of ``kind``, built: {name: build(*args, **kwargs)}."""
    sections = current_app.extensions.get(_KEY, {}).get(kind, {})
    return {name: build(*args, **kwargs) for name, build in sorted(sections.items())}
