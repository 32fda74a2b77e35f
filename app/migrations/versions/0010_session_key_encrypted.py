"""users.session_key: encrypted at rest (a wider column; clear keys dropped)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:00:00

The column now holds a Fernet token (about 120 characters for WeChat's
24-character key), so it widens from varchar(64) to varchar(255). On
PostgreSQL, raising a varchar's limit is a catalogue change: no table
rewrite, no index rebuild; the ACCESS EXCLUSIVE lock it needs lasts
milliseconds, and ``lock_timeout`` makes the migration give up (to be run
again) rather than queue every request behind a long transaction.

The keys stored in clear are cleared, not encrypted: WeChat issues a new
session_key at every login (code2Session), and nothing reads an old one
(the phone-number flow uses its own one-time code). Clearing is done in
batches of BATCH rows, each committed on its own, so no transaction holds
row locks on the whole users table; a value that is already a token is
never touched, so running it again is harmless.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 5000


def _clear_clear_keys():
    """NULL every session_key that is not an encrypted token (Fernet tokens
    start with "gAAAAA"), BATCH rows per transaction."""
    bind = op.get_bind()
    select = sa.text("SELECT id FROM users WHERE session_key IS NOT NULL AND session_key NOT LIKE 'gAAAAA%' "
                     "ORDER BY id LIMIT :batch")
    update = sa.text("UPDATE users SET session_key = NULL WHERE id IN :ids").bindparams(
        sa.bindparam("ids", expanding=True))
    while True:
        with op.get_context().autocommit_block():
            ids = [row[0] for row in bind.execute(select, {"batch": BATCH})]
            if not ids:
                return
            bind.execute(update, {"ids": ids})


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SET LOCAL lock_timeout = '5s'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_key', existing_type=sa.String(length=64), type_=sa.String(length=255),
                              existing_nullable=True)
    _clear_clear_keys()


def downgrade():
    # Tokens do not fit back in 64 characters, and are useless in clear form
    # anyway: drop them (a login issues a new key).
    op.execute("UPDATE users SET session_key = NULL")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_key', existing_type=sa.String(length=255), type_=sa.String(length=64),
                              existing_nullable=True)
