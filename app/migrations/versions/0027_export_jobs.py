"""export jobs: big exports written by a background worker, with progress

Revision ID: 0027
Revises: 0024
Create Date: 2026-12-10 10:00:00

A new, empty table: no lock on any existing table beyond the foreign key's
brief one on users (PostgreSQL takes SHARE ROW EXCLUSIVE on users while the
constraint is added to the empty table; nothing is scanned).
"""
import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'export_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('requester_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('rows_done', sa.Integer(), nullable=False),
        sa.Column('rows_total', sa.Integer(), nullable=True),
        sa.Column('file_key', sa.String(length=128), nullable=False),
        sa.Column('error', sa.String(length=255), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('claimed_by', sa.String(length=32), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_export_jobs_requester_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_jobs')),
        sa.UniqueConstraint('file_key', name=op.f('uq_export_jobs_file_key')),
    )
    op.create_index(op.f('ix_export_jobs_requester_id'), 'export_jobs', ['requester_id'], unique=False)
    op.create_index(op.f('ix_export_jobs_expires_at'), 'export_jobs', ['expires_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_export_jobs_expires_at'), table_name='export_jobs')
    op.drop_index(op.f('ix_export_jobs_requester_id'), table_name='export_jobs')
    op.drop_table('export_jobs')
