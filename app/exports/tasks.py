"""The export jobs' actor and the daily clean-up of their files."""
from app.jobs import actor, periodic


@actor("exports.run", max_retries=20, min_backoff=2000, max_backoff=120000, time_limit=3600 * 1000)
def run_export(job_id):
    from dramatiq import Retry
    from flask import current_app

    from app.exports import jobs

    try:
        jobs.run(job_id)
    except jobs.HeldElsewhere:
        # Look again once the holder's lease would have lapsed: by then it
        # finished (nothing to do) or died (this worker takes the job over).
        raise Retry(delay=current_app.config["EXPORT_JOB_LEASE"] * 1000) from None


@periodic("exports_expire_files", minute="7", embedded=True)
def expire_files(app):
    from app.exports import jobs

    jobs.expire_files()
