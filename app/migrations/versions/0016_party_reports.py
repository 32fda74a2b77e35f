"""在职党员报到: community service posts (服务岗位) and members' reports to them

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 13:00:00

A confirmed in-service party member reports to the community where they live
(party_reports, one row per person and community) choosing the service posts
it offers (party_service_posts, party_report_posts). Only new tables, so
nothing existing is rewritten or locked for long.
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'party_service_posts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('description', sa.String(length=200), nullable=True),
        sa.Column('capacity', sa.Integer(), nullable=True),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_party_service_posts_community_id_communities')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_party_service_posts_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_party_service_posts')),
        sa.UniqueConstraint('community_id', 'name', name='uq_party_service_posts_community_name'),
    )
    op.create_index(op.f('ix_party_service_posts_community_id'), 'party_service_posts', ['community_id'])

    op.create_table(
        'party_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), server_default='active', nullable=False),
        sa.Column('note', sa.String(length=200), nullable=True),
        sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_party_reports_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_party_reports_community_id_communities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_party_reports')),
        sa.UniqueConstraint('user_id', 'community_id', name='uq_party_reports_user_community'),
    )
    op.create_index(op.f('ix_party_reports_user_id'), 'party_reports', ['user_id'])
    op.create_index(op.f('ix_party_reports_community_id'), 'party_reports', ['community_id'])

    op.create_table(
        'party_report_posts',
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['party_reports.id'],
                                name=op.f('fk_party_report_posts_report_id_party_reports'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['party_service_posts.id'],
                                name=op.f('fk_party_report_posts_post_id_party_service_posts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('report_id', 'post_id', name=op.f('pk_party_report_posts')),
    )
    op.create_index(op.f('ix_party_report_posts_post_id'), 'party_report_posts', ['post_id'])


def downgrade():
    op.drop_table('party_report_posts')
    op.drop_table('party_reports')
    op.drop_table('party_service_posts')
