"""百年党史知多少: question bank, contests, attempts, answers, scores, 每日一练

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 13:00:00

Only new tables, so nothing existing is rewritten or locked for long.
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def _stamps():
    return [sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
            sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False)]


def upgrade():
    op.create_table(
        'quiz_questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('topic', sa.String(length=32), nullable=False),
        sa.Column('difficulty', sa.String(length=8), nullable=False),
        sa.Column('stem', sa.String(length=500), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('answer', sa.JSON(), nullable=False),
        sa.Column('explanation', sa.Text(), nullable=False),
        sa.Column('source', sa.String(length=255), nullable=True),
        sa.Column('is_active', sa.Boolean(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_questions')),
        sa.UniqueConstraint('stem', name=op.f('uq_quiz_questions_stem')),
    )
    op.create_index(op.f('ix_quiz_questions_topic'), 'quiz_questions', ['topic'])
    op.create_index('ix_quiz_questions_draw', 'quiz_questions', ['is_active', 'topic', 'difficulty'])

    op.create_table(
        'quiz_contests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=64), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('quotas', sa.JSON(), nullable=False),
        sa.Column('question_count', sa.Integer(), nullable=False),
        sa.Column('seconds_per_question', sa.Integer(), nullable=False),
        sa.Column('attempts_allowed', sa.Integer(), nullable=False),
        sa.Column('entry', sa.String(length=16), nullable=False),
        sa.Column('unit_ids', sa.JSON(), nullable=False),
        sa.Column('leaderboard', sa.String(length=8), nullable=False),
        sa.Column('certificate_top', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_quiz_contests_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_contests')),
    )

    op.create_table(
        'quiz_attempts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('question_ids', sa.JSON(), nullable=False),
        sa.Column('option_orders', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('served_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('deadline_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('correct_count', sa.Integer(), nullable=False),
        sa.Column('total_ms', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['quiz_contests.id'], name=op.f('fk_quiz_attempts_contest_id_quiz_contests'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quiz_attempts_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_attempts')),
        sa.UniqueConstraint('contest_id', 'user_id', 'number', name='uq_quiz_attempts_number'),
    )
    op.create_index(op.f('ix_quiz_attempts_user_id'), 'quiz_attempts', ['user_id'])
    op.create_index('ix_quiz_attempts_running', 'quiz_attempts', ['status', 'deadline_at'])

    op.create_table(
        'quiz_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('chosen', sa.JSON(), nullable=False),
        sa.Column('is_correct', sa.Boolean(), nullable=False),
        sa.Column('late', sa.Boolean(), nullable=False),
        sa.Column('elapsed_ms', sa.Integer(), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['attempt_id'], ['quiz_attempts.id'], name=op.f('fk_quiz_answers_attempt_id_quiz_attempts'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['question_id'], ['quiz_questions.id'],
                                name=op.f('fk_quiz_answers_question_id_quiz_questions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_answers')),
        sa.UniqueConstraint('attempt_id', 'position', name='uq_quiz_answers_position'),
    )

    op.create_table(
        'quiz_scores',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('correct_count', sa.Integer(), nullable=False),
        sa.Column('total_ms', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['quiz_contests.id'], name=op.f('fk_quiz_scores_contest_id_quiz_contests'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quiz_scores_user_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attempt_id'], ['quiz_attempts.id'], name=op.f('fk_quiz_scores_attempt_id_quiz_attempts'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_quiz_scores_community_id_communities')),
        sa.ForeignKeyConstraint(['unit_id'], ['member_units.id'], name=op.f('fk_quiz_scores_unit_id_member_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_scores')),
        sa.UniqueConstraint('contest_id', 'user_id', name='uq_quiz_scores_person'),
    )
    op.create_index(op.f('ix_quiz_scores_user_id'), 'quiz_scores', ['user_id'])
    op.create_index('ix_quiz_scores_rank', 'quiz_scores', ['contest_id', 'correct_count', 'total_ms'])

    op.create_table(
        'quiz_practice_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('chosen', sa.JSON(), nullable=False),
        sa.Column('is_correct', sa.Boolean(), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quiz_practice_answers_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['question_id'], ['quiz_questions.id'],
                                name=op.f('fk_quiz_practice_answers_question_id_quiz_questions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_practice_answers')),
        sa.UniqueConstraint('user_id', 'day', 'question_id', name='uq_quiz_practice_once'),
    )

    op.create_table(
        'quiz_wrong_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('wrong_count', sa.Integer(), nullable=False),
        sa.Column('last_wrong_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quiz_wrong_answers_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['question_id'], ['quiz_questions.id'],
                                name=op.f('fk_quiz_wrong_answers_question_id_quiz_questions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_wrong_answers')),
        sa.UniqueConstraint('user_id', 'question_id', name='uq_quiz_wrong_person_question'),
    )


def downgrade():
    for table in ('quiz_wrong_answers', 'quiz_practice_answers', 'quiz_scores', 'quiz_answers', 'quiz_attempts',
                  'quiz_contests', 'quiz_questions'):
        op.drop_table(table)
