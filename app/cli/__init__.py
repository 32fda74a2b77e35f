"""``flask jusha ...``: the operator commands' group, and the demo's commands.

Each area adds its own commands to ``jusha`` in its ``init_app`` (app/admin/cli.py,
app/events/cli.py, app/hours/cli.py, app/notices/cli.py); ``create_app`` then
adds the group to the app."""
import click
from flask.cli import AppGroup

jusha = AppGroup("jusha", help="Jusha operator commands.")


@jusha.command("seed-demo")
def seed_demo_command():
    """Load the demo data (idempotent)."""
    from app.cli.demo import seed_demo

    summary = seed_demo()
    for line in summary:
        click.echo(line)


@jusha.command("wait-for")
@click.argument("urls", nargs=-1, required=True)
@click.option("--timeout", default=30.0, show_default=True, help="seconds to wait in all")
def wait_for_command(urls, timeout):
    """Wait until every URL answers 200 (used by scripts/dev)."""
    from app.cli.demo import wait_for

    if not wait_for(urls, timeout):
        raise click.ClickException("not up in time: " + " ".join(urls))


@jusha.command("demo-codes")
@click.option("--app-url", default="http://127.0.0.1:5000", show_default=True)
def demo_codes_command(app_url):
    """Mint WeChat login codes for the demo people at the emulator and print them."""
    from flask import current_app

    from app.cli.demo import mint_demo_codes

    for line in mint_demo_codes(current_app.config["WECHAT_API_BASE"], app_url):
        click.echo(line)


def register_cli(app):
    app.cli.add_command(jusha)
