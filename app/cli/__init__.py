"""``flask jusha ...``: operator commands."""
import click
from flask.cli import AppGroup

from app.extensions import db

jusha = AppGroup("jusha", help="Jusha operator commands.")


@jusha.command("create-admin")
@click.option("--openid", required=True, help="WeChat openid of the person (they log in once first, or you pre-create them).")
@click.option("--name", default=None)
def create_admin_command(openid, name):
    """Create the first admin, or promote a user to admin."""
    from app.admin.service import create_admin

    user = create_admin(openid, name=name)
    click.echo(f"admin ready: user {user.id} ({user.openid})")


@jusha.command("grant-organiser")
@click.option("--openid", required=True)
@click.option("--community", "community_name", default=None, help="community name, e.g. 铭和社区")
@click.option("--member-unit", "member_unit_name", default=None, help="member unit name")
def grant_organiser_command(openid, community_name, member_unit_name):
    """Let a user organise a community or a member unit."""
    from app.admin.service import grant_scope
    from app.models import Community, MemberUnit, User

    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None:
        raise click.ClickException(f"no user with openid {openid}")
    community_id = member_unit_id = None
    if community_name:
        community = db.session.execute(db.select(Community).filter_by(name=community_name)).scalar_one_or_none()
        if community is None:
            raise click.ClickException(f"no community named {community_name}")
        community_id = community.id
    if member_unit_name:
        unit = db.session.execute(db.select(MemberUnit).filter_by(name=member_unit_name)).scalar_one_or_none()
        if unit is None:
            raise click.ClickException(f"no member unit named {member_unit_name}")
        member_unit_id = unit.id
    grant_scope(user, community_id=community_id, member_unit_id=member_unit_id, actor_label="cli")
    click.echo(f"user {user.id} now organises {community_name or member_unit_name}")


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


@jusha.command("export-hours")
@click.option("--from", "date_from", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="first service date, YYYY-MM-DD (China time)")
@click.option("--to", "date_to", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="last service date, YYYY-MM-DD (China time)")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, writable=True),
              help="the .xlsx file to write")
def export_hours_command(date_from, date_to, out_path):
    """Export approved volunteer hours as XLSX for import into 志愿浙江."""
    from app import audit
    from app.hours import export, rules

    date_from, date_to = date_from.date(), date_to.date()
    if date_from > date_to:
        raise click.BadParameter("--from is after --to")
    total_rows = export.count_rows(date_from, date_to)
    with click.progressbar(length=total_rows, label="导出志愿服务时长", show_pos=True) as bar:
        rows, minutes = export.write_workbook(out_path, date_from, date_to, progress=bar.update)
    audit.record("hours.export", actor_label="cli", detail={
        "from": date_from.isoformat(), "to": date_to.isoformat(), "rows": rows, "minutes": minutes})
    db.session.commit()
    click.echo(f"{rows} records, {rules.hours(minutes):g} hours -> {out_path}")


def register_cli(app):
    from app.events.cli import plan_welfare_days_command

    from app.notices import cli  # noqa: F401  (adds its commands to the jusha group)

    jusha.add_command(plan_welfare_days_command)
    app.cli.add_command(jusha)
