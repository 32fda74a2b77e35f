"""The jobs workers run. Each is safe to run twice: the database decides."""
from app.notices.queue import jobs

# Retries here catch the unexpected (a database restart); WeChat's own
# transient answers are retried by the delivery code with its own backoff,
# which it counts in the delivery row.
_OPTIONS = {"max_retries": 60, "min_backoff": 1000, "max_backoff": 60000, "time_limit": 300000}


@jobs.actor("notices.fan_out", **_OPTIONS)
def fan_out(notice_id):
    from app.notices.dispatch import fan_out_notice

    fan_out_notice(notice_id)


@jobs.actor("notices.deliver", **_OPTIONS)
def deliver(delivery_id):
    from app.notices.delivery import deliver as deliver_one

    deliver_one(delivery_id)
