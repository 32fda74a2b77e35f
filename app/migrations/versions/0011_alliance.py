"""the alliance: member units' profiles and history, the three lists (resources,
needs, projects), duties with their timeline, whistles and roundtables

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 08:40:00

Large tables: only new tables are created; member_units (a few hundred rows)
gains columns, the two NOT NULL ones with a constant server default, which
PostgreSQL 11+ records in the catalogue without rewriting the table.
Personal details of a need (contact name and phone) are stored encrypted
(EncryptedString, a varchar holding a Fernet token).
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mandatory_projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandatory_projects')),
    sa.UniqueConstraint('year', 'title', name='uq_mandatory_projects_year_title')
    )
    with op.batch_alter_table('mandatory_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandatory_projects_year'), ['year'], unique=False)

    op.create_table('community_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=True),
    sa.Column('rated_by_id', sa.Integer(), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('stars BETWEEN 1 AND 5', name=op.f('ck_community_ratings_stars_1_to_5')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_community_ratings_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rated_by_id'], ['users.id'], name=op.f('fk_community_ratings_rated_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_community_ratings_unit_id_member_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_ratings')),
    sa.UniqueConstraint('unit_id', 'community_id', 'year', name='uq_community_ratings_unit_community_year')
    )
    with op.batch_alter_table('community_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_ratings_community_id'), ['community_id'], unique=False)

    op.create_table('needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('service', sa.String(length=32), nullable=True),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('wanted_by', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('source_ref', sa.String(length=64), nullable=True),
    sa.Column('raised_by_id', sa.Integer(), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('contact_name', sa.String(length=255), nullable=True),
    sa.Column('contact_phone', sa.String(length=255), nullable=True),
    sa.Column('photo_ids', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_needs_community_id_communities')),
    sa.ForeignKeyConstraint(['raised_by_id'], ['users.id'], name=op.f('fk_needs_raised_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index('ix_needs_community_status', ['community_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_raised_by_id'), ['raised_by_id'], unique=False)

    op.create_table('roundtables',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('held_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_roundtables_community_id_communities')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_roundtables_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roundtables'))
    )
    with op.batch_alter_table('roundtables', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roundtables_community_id'), ['community_id'], unique=False)

    op.create_table('unit_projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('mandatory_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('goals', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_unit_projects_community_id_communities')),
    sa.ForeignKeyConstraint(['mandatory_id'], ['mandatory_projects.id'], name=op.f('fk_unit_projects_mandatory_id_mandatory_projects')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_unit_projects_owner_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_unit_projects_unit_id_member_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_projects')),
    sa.UniqueConstraint('unit_id', 'mandatory_id', name='uq_unit_projects_unit_mandatory')
    )
    with op.batch_alter_table('unit_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_projects_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_projects_mandatory_id'), ['mandatory_id'], unique=False)
        batch_op.create_index('ix_unit_projects_unit_year', ['unit_id', 'year'], unique=False)

    op.create_table('unit_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('service', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('capacity_unit', sa.String(length=16), nullable=True),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('available_until', sa.Date(), nullable=True),
    sa.Column('availability', sa.String(length=128), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_unit_resources_unit_id_member_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_resources'))
    )
    with op.batch_alter_table('unit_resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_resources_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_resources_unit_id'), ['unit_id'], unique=False)

    op.create_table('unit_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_unit_status_changes_changed_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_unit_status_changes_unit_id_member_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_status_changes'))
    )
    with op.batch_alter_table('unit_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_status_changes_unit_id'), ['unit_id'], unique=False)

    op.create_table('duties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('dispatched_by_id', sa.Integer(), nullable=True),
    sa.Column('accept_by', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_by', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decline_reason', sa.String(length=200), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_note', sa.Text(), nullable=True),
    sa.Column('evidence_photo_ids', sa.JSON(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('rating_comment', sa.String(length=500), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_reminded_on', sa.Date(), nullable=True),
    sa.Column('escalation_level', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 5', name=op.f('ck_duties_rating_1_to_5')),
    sa.ForeignKeyConstraint(['dispatched_by_id'], ['users.id'], name=op.f('fk_duties_dispatched_by_id_users')),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_duties_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_duties_unit_id_member_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duties'))
    )
    with op.batch_alter_table('duties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duties_need_id'), ['need_id'], unique=False)
        batch_op.create_index('ix_duties_unit_status', ['unit_id', 'status'], unique=False)
        batch_op.create_index('uq_duties_live_need_unit', ['need_id', 'unit_id'], unique=True, postgresql_where=sa.text("status NOT IN ('declined', 'withdrawn')"), sqlite_where=sa.text("status NOT IN ('declined', 'withdrawn')"))

    op.create_table('project_events',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_events_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['unit_projects.id'], name=op.f('fk_project_events_project_id_unit_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'event_id', name=op.f('pk_project_events'))
    )
    with op.batch_alter_table('project_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_events_event_id'), ['event_id'], unique=False)

    op.create_table('project_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['unit_projects.id'], name=op.f('fk_project_milestones_project_id_unit_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_milestones'))
    )
    with op.batch_alter_table('project_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_milestones_project_id'), ['project_id'], unique=False)

    op.create_table('resource_communities',
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_resource_communities_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['unit_resources.id'], name=op.f('fk_resource_communities_resource_id_unit_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_id', 'community_id', name=op.f('pk_resource_communities'))
    )
    with op.batch_alter_table('resource_communities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_communities_community_id'), ['community_id'], unique=False)

    op.create_table('roundtable_resolutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roundtable_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('owner_unit_id', sa.Integer(), nullable=True),
    sa.Column('owner_user_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_roundtable_resolutions_need_id_needs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_unit_id'], ['member_units.id'], name=op.f('fk_roundtable_resolutions_owner_unit_id_member_units')),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_roundtable_resolutions_owner_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['unit_projects.id'], name=op.f('fk_roundtable_resolutions_project_id_unit_projects'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['roundtable_id'], ['roundtables.id'], name=op.f('fk_roundtable_resolutions_roundtable_id_roundtables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roundtable_resolutions'))
    )
    with op.batch_alter_table('roundtable_resolutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roundtable_resolutions_roundtable_id'), ['roundtable_id'], unique=False)

    op.create_table('whistles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('needed_by', sa.DateTime(timezone=True), nullable=False),
    sa.Column('to_all_units', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('photo_ids', sa.JSON(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_whistles_closed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_whistles_community_id_communities')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_whistles_event_id_events')),
    sa.ForeignKeyConstraint(['raised_by_id'], ['users.id'], name=op.f('fk_whistles_raised_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_whistles'))
    )
    with op.batch_alter_table('whistles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_whistles_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_whistles_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_whistles_status'), ['status'], unique=False)

    op.create_table('need_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('duty_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('photo_ids', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_need_steps_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['duty_id'], ['duties.id'], name=op.f('fk_need_steps_duty_id_duties'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_steps_need_id_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_steps'))
    )
    with op.batch_alter_table('need_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_steps_duty_id'), ['duty_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_steps_need_id'), ['need_id'], unique=False)

    op.create_table('roundtable_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roundtable_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('whistle_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_roundtable_items_need_id_needs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['roundtable_id'], ['roundtables.id'], name=op.f('fk_roundtable_items_roundtable_id_roundtables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['whistle_id'], ['whistles.id'], name=op.f('fk_roundtable_items_whistle_id_whistles'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roundtable_items'))
    )
    with op.batch_alter_table('roundtable_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roundtable_items_roundtable_id'), ['roundtable_id'], unique=False)

    op.create_table('whistle_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('whistle_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('people_count', sa.Integer(), nullable=False),
    sa.Column('brings', sa.String(length=500), nullable=True),
    sa.Column('arrive_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reported_by_id'], ['users.id'], name=op.f('fk_whistle_reports_reported_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_whistle_reports_unit_id_member_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['whistle_id'], ['whistles.id'], name=op.f('fk_whistle_reports_whistle_id_whistles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_whistle_reports')),
    sa.UniqueConstraint('whistle_id', 'unit_id', name='uq_whistle_reports_whistle_unit')
    )
    with op.batch_alter_table('whistle_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_whistle_reports_unit_id'), ['unit_id'], unique=False)

    op.create_table('whistle_units',
    sa.Column('whistle_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_whistle_units_unit_id_member_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['whistle_id'], ['whistles.id'], name=op.f('fk_whistle_units_whistle_id_whistles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('whistle_id', 'unit_id', name=op.f('pk_whistle_units'))
    )
    with op.batch_alter_table('whistle_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_whistle_units_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('member_units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=False, server_default='other'))
        batch_op.add_column(sa.Column('party_org_name', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('address', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('joined_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='active'))
        batch_op.add_column(sa.Column('introduction', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_member_units_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('member_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_units_status'))
        batch_op.drop_column('introduction')
        batch_op.drop_column('status')
        batch_op.drop_column('joined_on')
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')
        batch_op.drop_column('address')
        batch_op.drop_column('party_org_name')
        batch_op.drop_column('kind')

    with op.batch_alter_table('whistle_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_whistle_units_unit_id'))

    op.drop_table('whistle_units')
    with op.batch_alter_table('whistle_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_whistle_reports_unit_id'))

    op.drop_table('whistle_reports')
    with op.batch_alter_table('roundtable_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roundtable_items_roundtable_id'))

    op.drop_table('roundtable_items')
    with op.batch_alter_table('need_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_steps_need_id'))
        batch_op.drop_index(batch_op.f('ix_need_steps_duty_id'))

    op.drop_table('need_steps')
    with op.batch_alter_table('whistles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_whistles_status'))
        batch_op.drop_index(batch_op.f('ix_whistles_event_id'))
        batch_op.drop_index(batch_op.f('ix_whistles_community_id'))

    op.drop_table('whistles')
    with op.batch_alter_table('roundtable_resolutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roundtable_resolutions_roundtable_id'))

    op.drop_table('roundtable_resolutions')
    with op.batch_alter_table('resource_communities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_communities_community_id'))

    op.drop_table('resource_communities')
    with op.batch_alter_table('project_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_milestones_project_id'))

    op.drop_table('project_milestones')
    with op.batch_alter_table('project_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_events_event_id'))

    op.drop_table('project_events')
    with op.batch_alter_table('duties', schema=None) as batch_op:
        batch_op.drop_index('uq_duties_live_need_unit', postgresql_where=sa.text("status NOT IN ('declined', 'withdrawn')"), sqlite_where=sa.text("status NOT IN ('declined', 'withdrawn')"))
        batch_op.drop_index('ix_duties_unit_status')
        batch_op.drop_index(batch_op.f('ix_duties_need_id'))

    op.drop_table('duties')
    with op.batch_alter_table('unit_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_status_changes_unit_id'))

    op.drop_table('unit_status_changes')
    with op.batch_alter_table('unit_resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_resources_unit_id'))
        batch_op.drop_index(batch_op.f('ix_unit_resources_kind'))

    op.drop_table('unit_resources')
    with op.batch_alter_table('unit_projects', schema=None) as batch_op:
        batch_op.drop_index('ix_unit_projects_unit_year')
        batch_op.drop_index(batch_op.f('ix_unit_projects_mandatory_id'))
        batch_op.drop_index(batch_op.f('ix_unit_projects_community_id'))

    op.drop_table('unit_projects')
    with op.batch_alter_table('roundtables', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roundtables_community_id'))

    op.drop_table('roundtables')
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needs_raised_by_id'))
        batch_op.drop_index('ix_needs_community_status')

    op.drop_table('needs')
    with op.batch_alter_table('community_ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_ratings_community_id'))

    op.drop_table('community_ratings')
    with op.batch_alter_table('mandatory_projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandatory_projects_year'))

    op.drop_table('mandatory_projects')
