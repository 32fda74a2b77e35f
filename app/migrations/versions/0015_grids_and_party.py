"""grids (网格) with boundaries; party branches and memberships

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 12:45:00

The shared ground of grid governance and party learning: every later table
of those areas points at a grid or a party branch. Only new tables, so
nothing existing is rewritten or locked for long.
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'grids',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('boundary', sa.JSON(), nullable=True),
        sa.Column('min_lat', sa.Float(), nullable=True),
        sa.Column('max_lat', sa.Float(), nullable=True),
        sa.Column('min_lng', sa.Float(), nullable=True),
        sa.Column('max_lng', sa.Float(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_grids_community_id_communities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_grids')),
        sa.UniqueConstraint('code', name=op.f('uq_grids_code')),
        sa.UniqueConstraint('community_id', 'name', name='uq_grids_community_name'),
    )
    op.create_index(op.f('ix_grids_community_id'), 'grids', ['community_id'])
    op.create_index('ix_grids_bbox', 'grids', ['min_lat', 'max_lat', 'min_lng', 'max_lng'])

    op.create_table(
        'party_branches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('kind', sa.String(length=16), server_default='community', nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=True),
        sa.Column('member_unit_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_party_branches_community_id_communities')),
        sa.ForeignKeyConstraint(['member_unit_id'], ['member_units.id'],
                                name=op.f('fk_party_branches_member_unit_id_member_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_party_branches')),
        sa.UniqueConstraint('name', name=op.f('uq_party_branches_name')),
    )
    op.create_index(op.f('ix_party_branches_community_id'), 'party_branches', ['community_id'])
    op.create_index(op.f('ix_party_branches_member_unit_id'), 'party_branches', ['member_unit_id'])

    op.create_table(
        'party_memberships',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('joined_on', sa.Date(), nullable=True),
        sa.Column('in_service', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('work_unit_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=16), server_default='pending', nullable=False),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('review_reason', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_party_memberships_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['branch_id'], ['party_branches.id'],
                                name=op.f('fk_party_memberships_branch_id_party_branches')),
        sa.ForeignKeyConstraint(['work_unit_id'], ['member_units.id'],
                                name=op.f('fk_party_memberships_work_unit_id_member_units')),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'],
                                name=op.f('fk_party_memberships_reviewed_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_party_memberships')),
        sa.UniqueConstraint('user_id', name=op.f('uq_party_memberships_user_id')),
    )
    op.create_index(op.f('ix_party_memberships_branch_id'), 'party_memberships', ['branch_id'])
    op.create_index(op.f('ix_party_memberships_work_unit_id'), 'party_memberships', ['work_unit_id'])
    op.create_index(op.f('ix_party_memberships_status'), 'party_memberships', ['status'])


def downgrade():
    op.drop_table('party_memberships')
    op.drop_table('party_branches')
    op.drop_index('ix_grids_bbox', table_name='grids')
    op.drop_table('grids')
