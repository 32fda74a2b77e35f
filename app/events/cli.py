"""``flask jusha plan-welfare-days``: plan the coming months' welfare days.

Runs under the ``plan_welfare_days`` job's lock (app/scheduler.py), so a
planning by hand never overlaps the scheduler's."""
from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from app import scheduler
from app.events.times import parse_month
from app.localtime import CHINA_TZ


def register(group):
    group.add_command(plan_welfare_days_command)


def _month(ctx, param, value):
    if value is None:
        return None
    try:
        parse_month(value)
    except ValueError as exc:
        raise click.BadParameter("use YYYY-MM, e.g. 2026-12") from exc
    return value


def _themes(ctx, param, values):
    themes = {}
    for value in values:
        month, sep, theme = value.partition("=")
        if not sep or not theme.strip():
            raise click.BadParameter("use YYYY-MM=主题")
        _month(ctx, param, month.strip())
        themes[month.strip()] = theme.strip()
    return themes


@click.command("plan-welfare-days")
@click.option("--months", default=3, show_default=True, type=click.IntRange(1, 24),
              help="how many months to plan, starting with --from")
@click.option("--from", "start", callback=_month, default=None, help="YYYY-MM (default: this month, Asia/Shanghai)")
@click.option("--theme", "themes", multiple=True, callback=_themes,
              help="YYYY-MM=主题: the theme for a month not planned yet (repeatable)")
@with_appcontext
def plan_welfare_days_command(months, start, themes):
    """Plan citizen welfare days (second Sundays) and each community's activity.
    Safe to run again: what exists is left alone."""
    from app.events.welfare import plan_welfare_days

    job = scheduler.JOBS["plan_welfare_days"]
    with click.progressbar(length=months, label="planning welfare days", show_pos=True) as bar:
        summary = scheduler.run_locked(
            current_app._get_current_object(), job.name,
            lambda: plan_welfare_days(start, months, themes=themes, progress=lambda label: bar.update(1)),
            job.lock_seconds)
    if summary is scheduler.SKIPPED:
        raise click.ClickException("another process is planning welfare days; try again in a moment")
    for item in summary["created"]:
        starts = datetime.fromisoformat(item["starts_at"]).astimezone(CHINA_TZ)
        click.echo(f"created {item['plan_key']}  {starts:%Y-%m-%d %H:%M}  {item['title']}")
    for month in summary["skipped_past"]:
        click.echo(f"skipped {month}: its welfare day is over")
    click.echo(f"{len(summary['created'])} created, {summary['existing']} already planned")
