"""role grants: a person holds any number of roles, each over a scope

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:00:00

Carries today's access over exactly: every admin gets an admin grant over the
subdistrict, and every organiser scope of an organiser or admin becomes an
organiser grant over that community or member unit (with who granted it and
when). Scope rows of people whose role had since been set back to resident or
volunteer were not in force and are not carried; volunteers need no grant,
since being one follows from an approved volunteer profile.

Large tables: the grants are copied with one INSERT ... SELECT each into a new
table; dropping users.role is a catalogue change in PostgreSQL, not a rewrite.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_LIVE = 'revoked_at IS NULL'


def upgrade():
    op.create_table(
        'role_grants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=24), nullable=False),
        sa.Column('scope_kind', sa.String(length=16), nullable=False),
        sa.Column('scope_id', sa.Integer(), nullable=True),
        sa.Column('granted_by_id', sa.Integer(), nullable=True),
        sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_role_grants_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_role_grants_granted_by_id_users')),
        sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_role_grants_revoked_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_role_grants')),
    )
    with op.batch_alter_table('role_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_grants_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_role_grants_scope', ['scope_kind', 'scope_id'], unique=False)
        batch_op.create_index('uq_role_grants_live_scoped', ['user_id', 'role', 'scope_kind', 'scope_id'],
                              unique=True, postgresql_where=sa.text(f'{_LIVE} AND scope_id IS NOT NULL'),
                              sqlite_where=sa.text(f'{_LIVE} AND scope_id IS NOT NULL'))
        batch_op.create_index('uq_role_grants_live_subdistrict', ['user_id', 'role', 'scope_kind'],
                              unique=True, postgresql_where=sa.text(f'{_LIVE} AND scope_id IS NULL'),
                              sqlite_where=sa.text(f'{_LIVE} AND scope_id IS NULL'))

    op.execute(
        "INSERT INTO role_grants (user_id, role, scope_kind, scope_id, granted_by_id, granted_at) "
        "SELECT id, 'admin', 'subdistrict', NULL, NULL, created_at FROM users WHERE role = 'admin' ORDER BY id"
    )
    for column, kind in (('community_id', 'community'), ('member_unit_id', 'member_unit')):
        op.execute(
            "INSERT INTO role_grants (user_id, role, scope_kind, scope_id, granted_by_id, granted_at) "
            f"SELECT s.user_id, 'organiser', '{kind}', s.{column}, s.granted_by_id, s.created_at "
            "FROM organiser_scopes s JOIN users u ON u.id = s.user_id "
            f"WHERE u.role IN ('organiser', 'admin') AND s.{column} IS NOT NULL ORDER BY s.id"
        )

    op.drop_table('organiser_scopes')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('role')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=16), nullable=False, server_default='resident'))
    op.create_table(
        'organiser_scopes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=True),
        sa.Column('member_unit_id', sa.Integer(), nullable=True),
        sa.Column('granted_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('(community_id IS NULL) <> (member_unit_id IS NULL)',
                           name=op.f('ck_organiser_scopes_one_target')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_organiser_scopes_community_id_communities')),
        sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_organiser_scopes_granted_by_id_users')),
        sa.ForeignKeyConstraint(['member_unit_id'], ['member_units.id'],
                                name=op.f('fk_organiser_scopes_member_unit_id_member_units')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_organiser_scopes_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser_scopes')),
    )
    with op.batch_alter_table('organiser_scopes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organiser_scopes_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_organiser_scopes_user_community', ['user_id', 'community_id'], unique=True,
                              postgresql_where=sa.text('community_id IS NOT NULL'),
                              sqlite_where=sa.text('community_id IS NOT NULL'))
        batch_op.create_index('uq_organiser_scopes_user_member_unit', ['user_id', 'member_unit_id'], unique=True,
                              postgresql_where=sa.text('member_unit_id IS NOT NULL'),
                              sqlite_where=sa.text('member_unit_id IS NOT NULL'))
    for column, kind in (('community_id', 'community'), ('member_unit_id', 'member_unit')):
        op.execute(
            f"INSERT INTO organiser_scopes (user_id, {column}, granted_by_id, created_at) "
            f"SELECT user_id, scope_id, granted_by_id, granted_at FROM role_grants "
            f"WHERE role = 'organiser' AND scope_kind = '{kind}' AND {_LIVE} ORDER BY id"
        )
    op.execute(f"UPDATE users SET role = 'organiser' WHERE id IN "
               f"(SELECT user_id FROM role_grants WHERE role = 'organiser' AND {_LIVE})")
    op.execute("UPDATE users SET role = 'volunteer' WHERE role = 'resident' AND id IN "
               "(SELECT user_id FROM volunteer_profiles WHERE status = 'approved')")
    op.execute(f"UPDATE users SET role = 'admin' WHERE id IN "
               f"(SELECT user_id FROM role_grants WHERE role = 'admin' AND {_LIVE})")
    op.drop_table('role_grants')
