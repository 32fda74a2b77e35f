"""``flask jusha seed-scale`` and ``flask jusha explain-hot-queries``."""
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from app.errors import APIError
from app.scale.sizes import SIZES


def register(group):
    group.add_command(seed_scale_command)
    group.add_command(explain_hot_queries_command)


def _url(database_url):
    return database_url or current_app.config["SQLALCHEMY_DATABASE_URI"]


def _refuse(error):
    click.echo(f"{error.message}（{error.code}）", err=True)
    sys.exit(2)


@click.command("seed-scale")
@with_appcontext
@click.option("--size", type=click.Choice(sorted(SIZES)), required=True, help="district: 1,000,000 residents; small: ~1/200")
@click.option("--database-url", default=None, help="PostgreSQL URL (default: the app's DATABASE_URL)")
@click.option("--seed", "seed_value", default=16, show_default=True, type=int, help="random seed: same seed, same data")
@click.option("--force", is_flag=True, help="empty a database that already has users first")
def seed_scale_command(size, database_url, seed_value, force):
    """Generate a district's five years of data with COPY into an empty, migrated PostgreSQL database."""
    from app.scale.seed import seed

    try:
        counts = seed(_url(database_url), SIZES[size], seed_value=seed_value, force=force)
    except APIError as error:
        _refuse(error)
    seconds = counts.pop("_seconds")
    for table, rows in counts.items():
        click.echo(f"{table:<20} {rows:>12,}")
    click.echo(f"seeded {size} in {seconds} s")


@click.command("explain-hot-queries")
@with_appcontext
@click.option("--analyze", is_flag=True, help="run them: EXPLAIN (ANALYZE, BUFFERS)")
def explain_hot_queries_command(analyze):
    """Print the plan of every hot phone-facing and organiser query on the app's database (DATABASE_URL)."""
    from app.extensions import db
    from app.scale.hot_queries import explain_all

    if db.engine.dialect.name != "postgresql":
        _refuse(APIError("scale_needs_postgresql", "只能在 PostgreSQL 上查看查询计划（请设置 DATABASE_URL 为 postgresql://...）"))
    for title, text in explain_all(analyze=analyze):
        click.echo(f"-- {title}\n{text}\n")
