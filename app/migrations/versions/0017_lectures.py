"""聚沙讲堂: lecturers, courses and materials, course orders with invited units, online learning

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 12:49:43

Only new tables, so nothing existing is rewritten or locked for long. The
new event kind party_day (主题党日) needs no change: events.kind is a string.
"""
import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('lecturers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=True),
    sa.Column('bio', sa.Text(), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('member_unit_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_unit_id'], ['member_units.id'], name=op.f('fk_lecturers_member_unit_id_member_units')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_lecturers_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lecturers')),
    sa.UniqueConstraint('user_id', name=op.f('uq_lecturers_user_id'))
    )
    with op.batch_alter_table('lecturers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecturers_member_unit_id'), ['member_unit_id'], unique=False)

    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('topic', sa.String(length=32), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('lecturer_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_courses_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lecturer_id'], ['lecturers.id'], name=op.f('fk_courses_lecturer_id_lecturers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses'))
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_lecturer_id'), ['lecturer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_topic'), ['topic'], unique=False)

    op.create_table('course_materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('url', sa.String(length=512), nullable=True),
    sa.Column('upload_ids', sa.JSON(), nullable=False),
    sa.Column('length_seconds', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_materials_course_id_courses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_materials'))
    )
    with op.batch_alter_table('course_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_materials_course_id'), ['course_id'], unique=False)

    op.create_table('course_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=True),
    sa.Column('member_unit_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=128), nullable=False),
    sa.Column('audience', sa.String(length=128), nullable=True),
    sa.Column('expected_size', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('ordered_by_id', sa.Integer(), nullable=True),
    sa.Column('lecturer_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_course_orders_order_ends_after_start')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_course_orders_community_id_communities')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_orders_course_id_courses')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_course_orders_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_course_orders_event_id_events')),
    sa.ForeignKeyConstraint(['lecturer_id'], ['lecturers.id'], name=op.f('fk_course_orders_lecturer_id_lecturers')),
    sa.ForeignKeyConstraint(['member_unit_id'], ['member_units.id'], name=op.f('fk_course_orders_member_unit_id_member_units')),
    sa.ForeignKeyConstraint(['ordered_by_id'], ['users.id'], name=op.f('fk_course_orders_ordered_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_orders')),
    sa.UniqueConstraint('event_id', name=op.f('uq_course_orders_event_id'))
    )
    with op.batch_alter_table('course_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_orders_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_orders_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_orders_lecturer_id'), ['lecturer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_orders_member_unit_id'), ['member_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_orders_status'), ['status'], unique=False)

    op.create_table('course_order_units',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['course_orders.id'], name=op.f('fk_course_order_units_order_id_course_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_course_order_units_unit_id_member_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('order_id', 'unit_id', name=op.f('pk_course_order_units'))
    )
    with op.batch_alter_table('course_order_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_order_units_unit_id'), ['unit_id'], unique=False)

    op.create_table('learning_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('counted_seconds', sa.Integer(), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('counted_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['course_materials.id'], name=op.f('fk_learning_progress_material_id_course_materials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_learning_progress_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_progress')),
    sa.UniqueConstraint('user_id', 'material_id', name='uq_learning_progress_user_material')
    )
    with op.batch_alter_table('learning_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_progress_material_id'), ['material_id'], unique=False)

    op.create_table('learning_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_beat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('counted_seconds', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['course_materials.id'], name=op.f('fk_learning_sessions_material_id_course_materials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_learning_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_sessions'))
    )
    with op.batch_alter_table('learning_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_sessions_material_id'), ['material_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_sessions_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('learning_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_sessions_user_id'))
        batch_op.drop_index(batch_op.f('ix_learning_sessions_material_id'))

    op.drop_table('learning_sessions')
    with op.batch_alter_table('learning_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_progress_material_id'))

    op.drop_table('learning_progress')
    with op.batch_alter_table('course_order_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_order_units_unit_id'))

    op.drop_table('course_order_units')
    with op.batch_alter_table('course_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_orders_status'))
        batch_op.drop_index(batch_op.f('ix_course_orders_member_unit_id'))
        batch_op.drop_index(batch_op.f('ix_course_orders_lecturer_id'))
        batch_op.drop_index(batch_op.f('ix_course_orders_course_id'))
        batch_op.drop_index(batch_op.f('ix_course_orders_community_id'))

    op.drop_table('course_orders')
    with op.batch_alter_table('course_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_materials_course_id'))

    op.drop_table('course_materials')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_courses_topic'))
        batch_op.drop_index(batch_op.f('ix_courses_lecturer_id'))

    op.drop_table('courses')
    with op.batch_alter_table('lecturers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecturers_member_unit_id'))

    op.drop_table('lecturers')
