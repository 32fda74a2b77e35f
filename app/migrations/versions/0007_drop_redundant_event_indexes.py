"""drop indexes on event_id that the unique constraints already provide

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 08:40:00

The unique (event_id, user_id[, direction]) indexes of checkins and
registrations lead with event_id, so they serve lookups by event; the
separate event_id indexes only cost a write on every check-in.
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index('ix_checkins_event_id')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index('ix_registrations_event_id')


def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index('ix_registrations_event_id', ['event_id'], unique=False)
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index('ix_checkins_event_id', ['event_id'], unique=False)
