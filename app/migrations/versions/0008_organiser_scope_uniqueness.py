"""organiser scopes: one row per (user, community) and per (user, member unit)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 09:00:00

The old unique (user_id, community_id, member_unit_id) never fired, because
one of the targets is always NULL; two racing grants could make duplicates,
and revoking one left the other in force. Duplicates are removed (the
oldest row of each kept) before the partial unique indexes are created.
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    for column in ('community_id', 'member_unit_id'):
        op.execute(
            f"DELETE FROM organiser_scopes WHERE {column} IS NOT NULL AND id NOT IN "
            f"(SELECT MIN(id) FROM organiser_scopes WHERE {column} IS NOT NULL GROUP BY user_id, {column})"
        )
    with op.batch_alter_table('organiser_scopes', schema=None) as batch_op:
        batch_op.drop_constraint('uq_organiser_scope', type_='unique')
        batch_op.create_index('uq_organiser_scopes_user_community', ['user_id', 'community_id'], unique=True,
                              postgresql_where=sa.text('community_id IS NOT NULL'),
                              sqlite_where=sa.text('community_id IS NOT NULL'))
        batch_op.create_index('uq_organiser_scopes_user_member_unit', ['user_id', 'member_unit_id'], unique=True,
                              postgresql_where=sa.text('member_unit_id IS NOT NULL'),
                              sqlite_where=sa.text('member_unit_id IS NOT NULL'))


def downgrade():
    with op.batch_alter_table('organiser_scopes', schema=None) as batch_op:
        batch_op.drop_index('uq_organiser_scopes_user_member_unit')
        batch_op.drop_index('uq_organiser_scopes_user_community')
        batch_op.create_unique_constraint('uq_organiser_scope', ['user_id', 'community_id', 'member_unit_id'])
