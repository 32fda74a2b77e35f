"""钱塘阿姨 mediation cases (parties, sessions, follow-ups) and 议事 consultation topics

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 12:49:55

Only new tables. Encrypted columns (parties, notes, terms) are plain text
columns holding Fernet tokens (app.models.base.EncryptedString).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consultation_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('place', sa.String(length=128), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('vote_closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('results_live', sa.Boolean(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_consultation_topics_community_id_communities')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_consultation_topics_opened_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_consultation_topics_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_topics'))
    )
    with op.batch_alter_table('consultation_topics', schema=None) as batch_op:
        batch_op.create_index('ix_consultation_topics_community_status', ['community_id', 'status'], unique=False)

    op.create_table('mediation_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.String(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('outcome_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('agreement_terms', sa.String(), nullable=True),
    sa.Column('referred_to', sa.String(length=64), nullable=True),
    sa.Column('outcome_note', sa.String(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_mediation_cases_closed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_mediation_cases_community_id_communities')),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_mediation_cases_grid_id_grids'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_mediation_cases_opened_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_cases'))
    )
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.create_index('ix_mediation_cases_community_status', ['community_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_cases_grid_id'), ['grid_id'], unique=False)

    op.create_table('consultation_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=200), nullable=False),
    sa.Column('assignee_kind', sa.String(length=8), nullable=False),
    sa.Column('assignee_user_id', sa.Integer(), nullable=True),
    sa.Column('assignee_unit_id', sa.Integer(), nullable=True),
    sa.Column('assignee_text', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['assignee_unit_id'], ['member_units.id'], name=op.f('fk_consultation_actions_assignee_unit_id_member_units'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['assignee_user_id'], ['users.id'], name=op.f('fk_consultation_actions_assignee_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['consultation_topics.id'], name=op.f('fk_consultation_actions_topic_id_consultation_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_actions'))
    )
    with op.batch_alter_table('consultation_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_actions_topic_id'), ['topic_id'], unique=False)

    op.create_table('consultation_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_consultation_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_consultation_comments_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['consultation_topics.id'], name=op.f('fk_consultation_comments_topic_id_consultation_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_comments'))
    )
    with op.batch_alter_table('consultation_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consultation_comments_topic_id'), ['topic_id'], unique=False)

    op.create_table('consultation_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['consultation_topics.id'], name=op.f('fk_consultation_options_topic_id_consultation_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_options'))
    )
    with op.batch_alter_table('consultation_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_options_topic_id'), ['topic_id'], unique=False)

    op.create_table('mediation_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_mediation_assignments_assigned_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_assignments_case_id_mediation_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mediation_assignments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_assignments')),
    sa.UniqueConstraint('case_id', 'user_id', name='uq_mediation_assignments_case_user')
    )
    with op.batch_alter_table('mediation_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_assignments_user_id'), ['user_id'], unique=False)

    op.create_table('mediation_follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('visited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('logged_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_follow_ups_case_id_mediation_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['logged_by_id'], ['users.id'], name=op.f('fk_mediation_follow_ups_logged_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_follow_ups'))
    )
    with op.batch_alter_table('mediation_follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_follow_ups_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('phone', sa.String(), nullable=True),
    sa.Column('address', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_parties_case_id_mediation_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_parties'))
    )
    with op.batch_alter_table('mediation_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_parties_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=128), nullable=True),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('logged_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_sessions_case_id_mediation_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['logged_by_id'], ['users.id'], name=op.f('fk_mediation_sessions_logged_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_sessions'))
    )
    with op.batch_alter_table('mediation_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_sessions_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_squads',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_mediation_squads_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_mediation_squads_set_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_mediation_squads_team_id_teams')),
    sa.PrimaryKeyConstraint('community_id', name=op.f('pk_mediation_squads'))
    )
    with op.batch_alter_table('mediation_squads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_squads_team_id'), ['team_id'], unique=False)

    op.create_table('consultation_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('voted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['consultation_options.id'], name=op.f('fk_consultation_votes_option_id_consultation_options'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['consultation_topics.id'], name=op.f('fk_consultation_votes_topic_id_consultation_topics'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consultation_votes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_votes')),
    sa.UniqueConstraint('topic_id', 'user_id', name='uq_consultation_votes_topic_user')
    )
    with op.batch_alter_table('consultation_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_votes_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('consultation_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_votes_user_id'))

    op.drop_table('consultation_votes')
    with op.batch_alter_table('mediation_squads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_squads_team_id'))

    op.drop_table('mediation_squads')
    with op.batch_alter_table('mediation_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_sessions_case_id'))

    op.drop_table('mediation_sessions')
    with op.batch_alter_table('mediation_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_parties_case_id'))

    op.drop_table('mediation_parties')
    with op.batch_alter_table('mediation_follow_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_follow_ups_case_id'))

    op.drop_table('mediation_follow_ups')
    with op.batch_alter_table('mediation_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_assignments_user_id'))

    op.drop_table('mediation_assignments')
    with op.batch_alter_table('consultation_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_options_topic_id'))

    op.drop_table('consultation_options')
    with op.batch_alter_table('consultation_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_comments_topic_id'))
        batch_op.drop_index(batch_op.f('ix_consultation_comments_author_id'))

    op.drop_table('consultation_comments')
    with op.batch_alter_table('consultation_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_actions_topic_id'))

    op.drop_table('consultation_actions')
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_cases_grid_id'))
        batch_op.drop_index('ix_mediation_cases_community_status')

    op.drop_table('mediation_cases')
    with op.batch_alter_table('consultation_topics', schema=None) as batch_op:
        batch_op.drop_index('ix_consultation_topics_community_status')

    op.drop_table('consultation_topics')
