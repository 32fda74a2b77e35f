"""``flask jusha notices-tick`` / ``dispatch-due-notices``: the periodic pass by hand.

Both run under the ``notices_tick`` job's lock (app/scheduler.py), so a pass
by hand never overlaps the scheduler's."""
import time

import click
from flask import current_app

from app import scheduler


def register(group):
    group.add_command(dispatch_due_notices_command)
    group.add_command(notices_tick_command)


@click.command("dispatch-due-notices")
def dispatch_due_notices_command():
    """Queue scheduled notices whose time has come (one pass)."""
    from app.notices.dispatch import dispatch_due_notices

    job = scheduler.JOBS["notices_tick"]
    queued = scheduler.run_locked(current_app._get_current_object(), job.name, dispatch_due_notices,
                                  job.lock_seconds)
    if queued is scheduler.SKIPPED:
        raise click.ClickException("another process is running the notices pass; try again in a moment")
    click.echo(f"queued {queued} notice(s)")


@click.command("notices-tick")
@click.option("--every", type=float, default=0, help="repeat every this many seconds (0: once)")
def notices_tick_command(every):
    """Due notices, event reminders, lost work, finished notices."""
    app = current_app._get_current_object()
    while True:
        if not scheduler.run_job(app, "notices_tick", report=lambda summary: click.echo(str(summary))):
            click.echo("skipped: another process is running the notices pass")
        if every <= 0:
            return
        time.sleep(every)
