"""The jobs workers run. Each is safe to run twice: the database decides."""
from app.jobs import actor

# Retries here catch the unexpected (a database restart); WeChat's own
# transient answers are retried by the delivery code with its own backoff,
# which it counts in the delivery row.
_OPTIONS = {"max_retries": 60, "min_backoff": 1000, "max_backoff": 60000, "time_limit": 300000}


@actor("notices.fan_out", **_OPTIONS)
def fan_out(notice_id):
    from app.notices.dispatch import fan_out_notice

    fan_out_notice(notice_id)


@actor("notices.deliver", **_OPTIONS)
def deliver(delivery_id):
    from app.notices.delivery import deliver as deliver_one

    deliver_one(delivery_id)


@actor("notices.deliver_batch", **_OPTIONS)
def deliver_batch(delivery_ids):
    """First tries for a batch of recipients, one after another; a recipient
    to be tried again later gets a ``deliver`` job of its own."""
    from dramatiq import Retry

    from app.notices.delivery import deliver as deliver_one

    for delivery_id in delivery_ids:
        try:
            deliver_one(delivery_id)
        except Retry as retry:
            deliver.send(delivery_id, delay=retry.delay)


def send_deliveries(delivery_ids, batch_size):
    """Queue first tries in batches: a 10,000-person notice is 500 jobs, not 10,000."""
    for start in range(0, len(delivery_ids), batch_size):
        deliver_batch.send(list(delivery_ids[start:start + batch_size]))


WATCH_EVERY_MS = 500


@actor("notices.watch", **_OPTIONS)
def watch(notice_id):
    """Mark the notice done once nobody is queued or in flight; look again until then."""
    from app.notices.delivery import finish_notice_if_done

    if not finish_notice_if_done(notice_id):
        watch.send(notice_id, delay=WATCH_EVERY_MS)
