"""the front door: resident cards, family links (家属代签), offline scans;
check-in methods resident_code and proxy

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 13:00:00

New tables, and checkins.method widened from 8 to 16 characters for
"resident_code". On PostgreSQL widening a varchar is a catalogue change (no
rewrite of the checkins table, which is the biggest table there is).
"""
import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    # PostgreSQL: a catalogue change. SQLite (the embedded default, small by
    # nature) copies the table, as batch mode does for every ALTER there.
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.alter_column('method', type_=sa.String(length=16), existing_type=sa.String(length=8),
                              existing_nullable=False)
    op.create_table(
        'resident_cards',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('issued_by_id', sa.Integer(), nullable=True),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.Column('revoke_reason', sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_resident_cards_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_resident_cards_issued_by_id_users')),
        sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_resident_cards_revoked_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_resident_cards')),
    )
    op.create_index(op.f('ix_resident_cards_user_id'), 'resident_cards', ['user_id'])
    op.create_index('uq_resident_cards_live', 'resident_cards', ['user_id'], unique=True,
                    postgresql_where=sa.text('revoked_at IS NULL'), sqlite_where=sa.text('revoked_at IS NULL'))

    op.create_table(
        'family_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('elder_id', sa.Integer(), nullable=False),
        sa.Column('family_id', sa.Integer(), nullable=False),
        sa.Column('relation', sa.String(length=16), nullable=True),
        sa.Column('consent', sa.String(length=16), nullable=False),
        sa.Column('witnessed_by_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['elder_id'], ['users.id'], name=op.f('fk_family_links_elder_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['family_id'], ['users.id'], name=op.f('fk_family_links_family_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['witnessed_by_id'], ['users.id'],
                                name=op.f('fk_family_links_witnessed_by_id_users')),
        sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_family_links_revoked_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_family_links')),
    )
    op.create_index(op.f('ix_family_links_elder_id'), 'family_links', ['elder_id'])
    op.create_index(op.f('ix_family_links_family_id'), 'family_links', ['family_id'])
    op.create_index('uq_family_links_live', 'family_links', ['elder_id', 'family_id'], unique=True,
                    postgresql_where=sa.text("status = 'active'"), sqlite_where=sa.text("status = 'active'"))

    op.create_table(
        'offline_scans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nonce', sa.String(length=64), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('content_digest', sa.String(length=64), nullable=False),
        sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('outcome', sa.String(length=32), nullable=True),
        sa.Column('message', sa.String(length=200), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('checkin_id', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_offline_scans_event_id_events'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_offline_scans_recorded_by_id_users')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_offline_scans_user_id_users')),
        sa.ForeignKeyConstraint(['checkin_id'], ['checkins.id'], name=op.f('fk_offline_scans_checkin_id_checkins'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_scans')),
        sa.UniqueConstraint('nonce', name=op.f('uq_offline_scans_nonce')),
    )
    op.create_index(op.f('ix_offline_scans_event_id'), 'offline_scans', ['event_id'])


def downgrade():
    op.drop_table('offline_scans')
    op.drop_index('uq_family_links_live', table_name='family_links')
    op.drop_table('family_links')
    op.drop_index('uq_resident_cards_live', table_name='resident_cards')
    op.drop_table('resident_cards')
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.alter_column('method', type_=sa.String(length=8), existing_type=sa.String(length=16),
                              existing_nullable=False)
