"""``flask jusha dispatch-due-notices`` / ``notices-tick``: the periodic pass from cron or a shell."""
import time

import click

from app.cli import jusha
from app.extensions import db


@jusha.command("dispatch-due-notices")
def dispatch_due_notices_command():
    """Queue scheduled notices whose time has come (one pass)."""
    from app.notices.dispatch import dispatch_due_notices

    click.echo(f"queued {dispatch_due_notices()} notice(s)")


@jusha.command("notices-tick")
@click.option("--every", type=float, default=0, help="repeat every this many seconds (0: once)")
def notices_tick_command(every):
    """Due notices, event reminders, lost work, finished notices."""
    from app.notices.dispatch import tick

    while True:
        click.echo(str(tick()))
        db.session.remove()
        if every <= 0:
            return
        time.sleep(every)
