"""``flask jusha create-admin`` / ``grant-organiser``: the first admin and organisers, from a shell."""
import click

from app.extensions import db


def register(group):
    group.add_command(create_admin_command)
    group.add_command(grant_organiser_command)


@click.command("create-admin")
@click.option("--openid", required=True, help="WeChat openid of the person (they log in once first, or you pre-create them).")
@click.option("--name", default=None)
def create_admin_command(openid, name):
    """Create the first admin, or promote a user to admin."""
    from app.admin.service import create_admin

    user = create_admin(openid, name=name)
    click.echo(f"admin ready: user {user.id} ({user.openid})")


@click.command("grant-organiser")
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
