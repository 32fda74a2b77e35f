"""communities get a location (the 数据大屏's map); screen_links (display keys)

Revision ID: 0016
Revises: 0015 (0010 before the console branch was merged in; the lead rechains)
Create Date: 2026-12-02 08:30:00

Both belong to the 数据大屏 (app/screen): the map places each community at
its (GCJ-02) latitude/longitude, and a hall display authenticates with a
revocable key whose SHA-256 is kept in screen_links. Adding nullable columns
and a new table rewrites nothing.
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))
    op.create_table(
        'screen_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=64), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_screen_links_created_by_id_users')),
        sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_screen_links_revoked_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_screen_links')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_screen_links_key_hash')),
    )


def downgrade():
    op.drop_table('screen_links')
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')
