"""The 数据大屏's extension point: figures other areas add to the screen.

The screen's own panels (check-ins, today's events on the map, hours this
year, top squads) are computed in ``app.screen.figures``. Any other area adds
a figure card without touching this package: in its ``init_app`` it calls

    from app.screen.panels import register
    register(app, "needs_done_month", needs_done_this_month)

where ``needs_done_this_month(period)`` returns ``{"title": "本月完成需求",
"value": 12, "unit": "件"}`` and may add ``"by_community": {community_id: n}``.
``period`` (a ``Period``) holds today's, this month's and this year's bounds
in Beijing time as UTC instants, so every figure counts the same day. Figures
appear on the screen in registration order; one that fails is logged and left
out, and the rest of the screen still shows.
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.localtime import CHINA_TZ
from app.models import utcnow

log = logging.getLogger(__name__)

_KEY = "jusha_screen_panels"


@dataclass(frozen=True)
class Period:
    now: datetime
    day_start: datetime
    day_end: datetime
    month_start: datetime
    month_end: datetime
    year_start: datetime
    year_end: datetime

    @property
    def date(self):
        return self.day_start.astimezone(CHINA_TZ).date()


def period(now=None):
    """Today, this month and this year around ``now``, in Beijing time."""
    now = now or utcnow()
    local = now.astimezone(CHINA_TZ)
    day = datetime(local.year, local.month, local.day, tzinfo=CHINA_TZ)
    month = datetime(local.year, local.month, 1, tzinfo=CHINA_TZ)
    next_month = datetime(local.year + (local.month == 12), local.month % 12 + 1, 1, tzinfo=CHINA_TZ)
    return Period(now, day, day + timedelta(days=1), month, next_month,
                  datetime(local.year, 1, 1, tzinfo=CHINA_TZ), datetime(local.year + 1, 1, 1, tzinfo=CHINA_TZ))


def register(app, name, compute):
    """Add the figure ``name`` to ``app``'s screen (again: replaces it)."""
    app.extensions.setdefault(_KEY, {})[name] = compute


def registered(app):
    return dict(app.extensions.get(_KEY, {}))


def figures(app, at):
    """Every registered figure for the period ``at``, as the snapshot lists them."""
    shown = []
    for name, compute in registered(app).items():
        try:
            figure = compute(at)
        except Exception:  # one area's failure must not blank the hall's screen
            log.exception("screen figure %s failed", name)
            continue
        by_community = figure.get("by_community") or {}
        shown.append({"name": name, "title": figure["title"], "value": figure["value"],
                      "unit": figure.get("unit", ""),
                      "by_community": {str(k): v for k, v in by_community.items()}})
    return shown
