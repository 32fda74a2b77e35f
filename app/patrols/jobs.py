"""The periodic job that closes patrols left open."""
import logging

from app.jobs import periodic
from app.patrols.service import close_stale

log = logging.getLogger(__name__)


@periodic("patrols_close_stale", minute="*/10", lock_seconds=300, embedded=True)
def close_stale_job(app, now=None):
    """Every ten minutes: a patrol open past AUTO_CLOSE_AFTER is closed at
    its last sign of activity and credited."""
    closed = close_stale(now)
    if closed:
        log.info("patrols closed automatically: %s", closed)
    return len(closed)
