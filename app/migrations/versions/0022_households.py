"""党员联户: households, members, pairings, visits, reminders, contact cards and requests

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 12:50:32

Only new tables, so nothing existing is rewritten or locked for long. Names,
phones, notes, visit texts and messages are encrypted by the application
(EncryptedString): plain strings here.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_member_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['party_member_id'], ['users.id'], name=op.f('fk_contact_cards_party_member_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_cards'))
    )
    with op.batch_alter_table('contact_cards', schema=None) as batch_op:
        batch_op.create_index('uq_contact_cards_live', ['party_member_id'], unique=True, postgresql_where=sa.text('revoked_at IS NULL'), sqlite_where=sa.text('revoked_at IS NULL'))

    op.create_table('households',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('notes', sa.String(length=6000), nullable=True),
    sa.Column('status', sa.String(length=16), server_default='active', nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_households_community_id_communities')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_households_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_households_grid_id_grids')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_community_id'), ['community_id'], unique=False)
        batch_op.create_index('ix_households_grid_status', ['grid_id', 'status'], unique=False)

    op.create_table('contact_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('party_member_id', sa.Integer(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.String(length=3000), nullable=False),
    sa.Column('contact_name', sa.String(length=255), nullable=True),
    sa.Column('contact_phone', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=16), server_default='new', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['contact_cards.id'], name=op.f('fk_contact_requests_card_id_contact_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_member_id'], ['users.id'], name=op.f('fk_contact_requests_party_member_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sender_id'], ['users.id'], name=op.f('fk_contact_requests_sender_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_requests'))
    )
    with op.batch_alter_table('contact_requests', schema=None) as batch_op:
        batch_op.create_index('ix_contact_requests_member_status', ['party_member_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_requests_sender_id'), ['sender_id'], unique=False)

    op.create_table('household_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('age_band', sa.String(length=16), nullable=True),
    sa.Column('phone', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_household_members_household_id_households'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_members'))
    )
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_members_household_id'), ['household_id'], unique=False)

    op.create_table('household_pairings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('party_member_id', sa.Integer(), nullable=True),
    sa.Column('paired_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.Column('end_reason', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['ended_by_id'], ['users.id'], name=op.f('fk_household_pairings_ended_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_household_pairings_household_id_households'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paired_by_id'], ['users.id'], name=op.f('fk_household_pairings_paired_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['party_member_id'], ['users.id'], name=op.f('fk_household_pairings_party_member_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_pairings'))
    )
    with op.batch_alter_table('household_pairings', schema=None) as batch_op:
        batch_op.create_index('ix_household_pairings_member_open', ['party_member_id', 'ended_at'], unique=False)
        batch_op.create_index('uq_household_pairings_open', ['household_id'], unique=True, postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))

    op.create_table('household_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('party_member_id', sa.Integer(), nullable=False),
    sa.Column('basis_on', sa.Date(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_household_reminders_household_id_households'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pairing_id'], ['household_pairings.id'], name=op.f('fk_household_reminders_pairing_id_household_pairings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_member_id'], ['users.id'], name=op.f('fk_household_reminders_party_member_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_reminders')),
    sa.UniqueConstraint('pairing_id', 'basis_on', name='uq_household_reminders_pairing_basis')
    )
    with op.batch_alter_table('household_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_reminders_party_member_id'), ['party_member_id'], unique=False)

    op.create_table('household_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('discussed', sa.String(length=6000), nullable=False),
    sa.Column('needs_found', sa.String(length=3000), nullable=True),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('work_order_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_household_visits_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_household_visits_household_id_households'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_household_visits_need_id_needs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_household_visits_work_order_id_work_orders'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pairing_id'], ['household_pairings.id'], name=op.f('fk_household_visits_pairing_id_household_pairings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_visits'))
    )
    with op.batch_alter_table('household_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_visits_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_household_visits_household_on', ['household_id', 'visited_on'], unique=False)



def downgrade():
    with op.batch_alter_table('household_visits', schema=None) as batch_op:
        batch_op.drop_index('ix_household_visits_household_on')
        batch_op.drop_index(batch_op.f('ix_household_visits_author_id'))

    op.drop_table('household_visits')
    with op.batch_alter_table('household_reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_reminders_party_member_id'))

    op.drop_table('household_reminders')
    with op.batch_alter_table('household_pairings', schema=None) as batch_op:
        batch_op.drop_index('uq_household_pairings_open', postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))
        batch_op.drop_index('ix_household_pairings_member_open')

    op.drop_table('household_pairings')
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_members_household_id'))

    op.drop_table('household_members')
    with op.batch_alter_table('contact_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_requests_sender_id'))
        batch_op.drop_index('ix_contact_requests_member_status')

    op.drop_table('contact_requests')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index('ix_households_grid_status')
        batch_op.drop_index(batch_op.f('ix_households_community_id'))

    op.drop_table('households')
    with op.batch_alter_table('contact_cards', schema=None) as batch_op:
        batch_op.drop_index('uq_contact_cards_live', postgresql_where=sa.text('revoked_at IS NULL'), sqlite_where=sa.text('revoked_at IS NULL'))

    op.drop_table('contact_cards')
