"""auth_sessions.kind: which client a login token was issued to

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-02 08:30:00

The desk console signs in by scanning (docs/console.md) and gets a short-lived
token of the same opaque, revocable kind as the mini-program's. ``kind`` tells
them apart ("miniprogram" or "console") for the audit trail and for anyone
who wants to end every console session. Adding a NOT NULL column with a
constant default is a catalogue change on PostgreSQL 11+ (no table rewrite).
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('auth_sessions') as batch:
        batch.add_column(sa.Column('kind', sa.String(length=16), nullable=False, server_default='miniprogram'))


def downgrade():
    with op.batch_alter_table('auth_sessions') as batch:
        batch.drop_column('kind')
