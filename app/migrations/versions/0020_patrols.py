"""patrols (巡防): patrol teams, routes, checkpoints, patrols, passes, track points

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 13:00:00

Only new tables, so nothing existing is rewritten or locked for long. The
partial unique index keeps one open patrol per person whatever racing
starts do.
"""
import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def _times():
    return [sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
            sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False)]


def upgrade():
    op.create_table(
        'patrol_teams',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('grid_id', sa.Integer(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        *_times(),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_patrol_teams_team_id_teams')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_patrol_teams_community_id_communities')),
        sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_patrol_teams_grid_id_grids')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_patrol_teams_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_teams')),
        sa.UniqueConstraint('team_id', name=op.f('uq_patrol_teams_team_id')),
    )
    op.create_index(op.f('ix_patrol_teams_community_id'), 'patrol_teams', ['community_id'])
    op.create_index(op.f('ix_patrol_teams_grid_id'), 'patrol_teams', ['grid_id'])

    op.create_table(
        'patrol_routes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patrol_team_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('description', sa.String(length=500), nullable=True),
        sa.Column('is_active', sa.Boolean(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        *_times(),
        sa.ForeignKeyConstraint(['patrol_team_id'], ['patrol_teams.id'],
                                name=op.f('fk_patrol_routes_patrol_team_id_patrol_teams')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_patrol_routes_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_routes')),
        sa.UniqueConstraint('patrol_team_id', 'name', name='uq_patrol_routes_team_name'),
    )
    op.create_index(op.f('ix_patrol_routes_patrol_team_id'), 'patrol_routes', ['patrol_team_id'])

    op.create_table(
        'patrol_checkpoints',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('route_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('latitude', sa.Float(), nullable=False),
        sa.Column('longitude', sa.Float(), nullable=False),
        sa.Column('radius_m', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['route_id'], ['patrol_routes.id'], ondelete='CASCADE',
                                name=op.f('fk_patrol_checkpoints_route_id_patrol_routes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_checkpoints')),
        sa.UniqueConstraint('route_id', 'position', name='uq_patrol_checkpoints_route_position'),
    )

    op.create_table(
        'patrols',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('route_id', sa.Integer(), nullable=False),
        sa.Column('patrol_team_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('distance_m', sa.Float(), nullable=False),
        sa.Column('track_points', sa.Integer(), nullable=False),
        sa.Column('last_latitude', sa.Float(), nullable=True),
        sa.Column('last_longitude', sa.Float(), nullable=True),
        sa.Column('last_point_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('service_event_id', sa.Integer(), nullable=True),
        *_times(),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE', name=op.f('fk_patrols_user_id_users')),
        sa.ForeignKeyConstraint(['route_id'], ['patrol_routes.id'], name=op.f('fk_patrols_route_id_patrol_routes')),
        sa.ForeignKeyConstraint(['patrol_team_id'], ['patrol_teams.id'],
                                name=op.f('fk_patrols_patrol_team_id_patrol_teams')),
        sa.ForeignKeyConstraint(['service_event_id'], ['events.id'], name=op.f('fk_patrols_service_event_id_events')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patrols')),
    )
    op.create_index(op.f('ix_patrols_user_id'), 'patrols', ['user_id'])
    op.create_index(op.f('ix_patrols_route_id'), 'patrols', ['route_id'])
    op.create_index(op.f('ix_patrols_patrol_team_id'), 'patrols', ['patrol_team_id'])
    op.create_index('ix_patrols_status_started_at', 'patrols', ['status', 'started_at'])
    op.create_index('uq_patrols_one_open_per_user', 'patrols', ['user_id'], unique=True,
                    sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table(
        'patrol_checkpoint_passes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patrol_id', sa.Integer(), nullable=False),
        sa.Column('checkpoint_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=16), nullable=False),
        sa.Column('passed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('latitude', sa.Float(), nullable=True),
        sa.Column('longitude', sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(['patrol_id'], ['patrols.id'], ondelete='CASCADE',
                                name=op.f('fk_patrol_checkpoint_passes_patrol_id_patrols')),
        sa.ForeignKeyConstraint(['checkpoint_id'], ['patrol_checkpoints.id'],
                                name=op.f('fk_patrol_checkpoint_passes_checkpoint_id_patrol_checkpoints')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_checkpoint_passes')),
        sa.UniqueConstraint('patrol_id', 'checkpoint_id', name='uq_patrol_passes_patrol_checkpoint'),
    )
    op.create_index(op.f('ix_patrol_checkpoint_passes_checkpoint_id'), 'patrol_checkpoint_passes', ['checkpoint_id'])

    op.create_table(
        'patrol_track_points',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patrol_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('latitude', sa.Float(), nullable=False),
        sa.Column('longitude', sa.Float(), nullable=False),
        sa.Column('accuracy_m', sa.Float(), nullable=True),
        sa.Column('counted', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['patrol_id'], ['patrols.id'], ondelete='CASCADE',
                                name=op.f('fk_patrol_track_points_patrol_id_patrols')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_track_points')),
    )
    op.create_index('ix_patrol_track_points_patrol_time', 'patrol_track_points', ['patrol_id', 'recorded_at'])


def downgrade():
    op.drop_table('patrol_track_points')
    op.drop_table('patrol_checkpoint_passes')
    op.drop_index('uq_patrols_one_open_per_user', table_name='patrols')
    op.drop_table('patrols')
    op.drop_table('patrol_checkpoints')
    op.drop_table('patrol_routes')
    op.drop_table('patrol_teams')
