"""随手拍 → 工单: work orders (reports turned into a grid's work) and their timeline

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 13:00:00

Only new tables: nothing existing is rewritten or locked for long.
"""
import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'work_orders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reporter_id', sa.Integer(), nullable=True),
        sa.Column('category', sa.String(length=16), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('place', sa.String(length=255), nullable=True),
        sa.Column('latitude', sa.Float(), nullable=False),
        sa.Column('longitude', sa.Float(), nullable=False),
        sa.Column('photo_ids', sa.JSON(), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('source_ref', sa.String(length=64), nullable=True),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('grid_id', sa.Integer(), nullable=True),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('assignee_id', sa.Integer(), nullable=True),
        sa.Column('level_started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('lapsed_due_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('closed_level', sa.String(length=16), nullable=True),
        sa.Column('close_note', sa.Text(), nullable=True),
        sa.Column('evidence_photo_ids', sa.JSON(), nullable=False),
        sa.Column('reject_reason', sa.String(length=16), nullable=True),
        sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
        sa.Column('rating', sa.Integer(), nullable=True),
        sa.Column('rating_comment', sa.String(length=500), nullable=True),
        sa.Column('rated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('whistle_id', sa.Integer(), nullable=True),
        sa.Column('need_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 5', name=op.f('ck_work_orders_rating_1_to_5')),
        sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_work_orders_reporter_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_work_orders_community_id_communities')),
        sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_work_orders_grid_id_grids')),
        sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_work_orders_assignee_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['duplicate_of_id'], ['work_orders.id'],
                                name=op.f('fk_work_orders_duplicate_of_id_work_orders'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['whistle_id'], ['whistles.id'], name=op.f('fk_work_orders_whistle_id_whistles'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_work_orders_need_id_needs'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_work_orders')),
    )
    op.create_index(op.f('ix_work_orders_reporter_id'), 'work_orders', ['reporter_id'])
    op.create_index('ix_work_orders_community_status', 'work_orders', ['community_id', 'status'])
    op.create_index('ix_work_orders_grid_status', 'work_orders', ['grid_id', 'status'])
    op.create_index('ix_work_orders_open_due', 'work_orders', ['status', 'due_at'])
    op.create_index('uq_work_orders_source_ref', 'work_orders', ['source', 'source_ref'], unique=True,
                    postgresql_where=sa.text('source_ref IS NOT NULL'), sqlite_where=sa.text('source_ref IS NOT NULL'))
    op.create_table(
        'work_order_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('work_order_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=24), nullable=False),
        sa.Column('from_status', sa.String(length=16), nullable=True),
        sa.Column('to_status', sa.String(length=16), nullable=True),
        sa.Column('from_level', sa.String(length=16), nullable=True),
        sa.Column('to_level', sa.String(length=16), nullable=True),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('photo_ids', sa.JSON(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'],
                                name=op.f('fk_work_order_steps_work_order_id_work_orders'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_work_order_steps_actor_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_steps')),
    )
    op.create_index(op.f('ix_work_order_steps_work_order_id'), 'work_order_steps', ['work_order_id'])


def downgrade():
    op.drop_table('work_order_steps')
    op.drop_index('uq_work_orders_source_ref', table_name='work_orders')
    op.drop_table('work_orders')
