"""the offline contest (党史学习亮初心): contests, rounds, teams, judges and the append-only score log

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 13:00:00

Only new tables. On PostgreSQL a trigger refuses UPDATE and DELETE on
hall_score_entries: a correction is a new entry that supersedes the old one,
never an edit (TRUNCATE, used only by the test suite's cleanup, fires no row
trigger). On SQLite the ORM guard in app/models/hall.py refuses the same.
"""
import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

GUARD_FUNCTION = """
CREATE OR REPLACE FUNCTION hall_score_entries_are_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hall_score_entries is append-only: % refused; add a correction entry instead', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$
"""
GUARD_TRIGGER = """
CREATE TRIGGER hall_score_entries_append_only
BEFORE UPDATE OR DELETE ON hall_score_entries
FOR EACH ROW EXECUTE FUNCTION hall_score_entries_are_append_only()
"""


def upgrade():
    op.create_table(
        'hall_contests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=64), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('place', sa.String(length=128), nullable=True),
        sa.Column('status', sa.String(length=16), server_default='open', nullable=False),
        sa.Column('award_places', sa.Integer(), server_default='3', nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_hall_contests_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_hall_contests_closed_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_contests')),
    )
    op.create_index(op.f('ix_hall_contests_status'), 'hall_contests', ['status'])

    op.create_table(
        'hall_contest_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('points_correct', sa.Integer(), nullable=False),
        sa.Column('penalty_wrong', sa.Integer(), nullable=False),
        sa.Column('risk_tiers', sa.JSON(), nullable=False),
        sa.Column('question_count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['hall_contests.id'],
                                name=op.f('fk_hall_contest_rounds_contest_id_hall_contests'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_contest_rounds')),
        sa.UniqueConstraint('contest_id', 'position', name='uq_hall_contest_rounds_position'),
    )

    op.create_table(
        'hall_contest_teams',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=True),
        sa.Column('member_unit_id', sa.Integer(), nullable=True),
        sa.Column('members', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['hall_contests.id'],
                                name=op.f('fk_hall_contest_teams_contest_id_hall_contests'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_hall_contest_teams_community_id_communities')),
        sa.ForeignKeyConstraint(['member_unit_id'], ['member_units.id'],
                                name=op.f('fk_hall_contest_teams_member_unit_id_member_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_contest_teams')),
        sa.UniqueConstraint('contest_id', 'name', name='uq_hall_contest_teams_name'),
    )
    op.create_index(op.f('ix_hall_contest_teams_community_id'), 'hall_contest_teams', ['community_id'])
    op.create_index(op.f('ix_hall_contest_teams_member_unit_id'), 'hall_contest_teams', ['member_unit_id'])

    op.create_table(
        'hall_contest_judges',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('head', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('appointed_by_id', sa.Integer(), nullable=True),
        sa.Column('appointed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['hall_contests.id'],
                                name=op.f('fk_hall_contest_judges_contest_id_hall_contests'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_hall_contest_judges_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['appointed_by_id'], ['users.id'],
                                name=op.f('fk_hall_contest_judges_appointed_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_contest_judges')),
        sa.UniqueConstraint('contest_id', 'user_id', name='uq_hall_contest_judges_user'),
    )
    op.create_index(op.f('ix_hall_contest_judges_user_id'), 'hall_contest_judges', ['user_id'])
    op.create_index('uq_hall_contest_judges_head', 'hall_contest_judges', ['contest_id'], unique=True,
                    postgresql_where=sa.text('head'), sqlite_where=sa.text('head'))

    op.create_table(
        'hall_score_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('question_no', sa.Integer(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=8), nullable=False),
        sa.Column('tier', sa.Integer(), nullable=True),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('judge_id', sa.Integer(), nullable=True),
        sa.Column('supersedes_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=200), nullable=True),
        sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['hall_contests.id'],
                                name=op.f('fk_hall_score_entries_contest_id_hall_contests'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['round_id'], ['hall_contest_rounds.id'],
                                name=op.f('fk_hall_score_entries_round_id_hall_contest_rounds'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['team_id'], ['hall_contest_teams.id'],
                                name=op.f('fk_hall_score_entries_team_id_hall_contest_teams'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['judge_id'], ['users.id'], name=op.f('fk_hall_score_entries_judge_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['supersedes_id'], ['hall_score_entries.id'],
                                name=op.f('fk_hall_score_entries_supersedes_id_hall_score_entries')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_score_entries')),
        sa.UniqueConstraint('round_id', 'team_id', 'question_no', 'revision', name='uq_hall_score_entries_key'),
        sa.UniqueConstraint('supersedes_id', name=op.f('uq_hall_score_entries_supersedes_id')),
    )
    op.create_index('ix_hall_score_entries_contest', 'hall_score_entries', ['contest_id', 'id'])
    op.create_index(op.f('ix_hall_score_entries_judge_id'), 'hall_score_entries', ['judge_id'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARD_FUNCTION)
        op.execute(GUARD_TRIGGER)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS hall_score_entries_append_only ON hall_score_entries")
        op.execute("DROP FUNCTION IF EXISTS hall_score_entries_are_append_only()")
    op.drop_table('hall_score_entries')
    op.drop_table('hall_contest_judges')
    op.drop_table('hall_contest_teams')
    op.drop_table('hall_contest_rounds')
    op.drop_table('hall_contests')
