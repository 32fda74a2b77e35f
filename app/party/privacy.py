"""Party data in see-my-data, and gone with account closing.

On closing, the person's membership and 报到 rows are DELETED, not
anonymised: the rest of the account is anonymised so hours stay counted,
but a membership row of an anonymous account still ties a political
affiliation to a branch, a work unit and a join date, which together
re-identify people in a small branch, and no figure of this system needs it
afterwards (the party's own rolls are kept by the organisation outside this
system). Check-ins and hours stay (anonymised by the volunteers area): the
community's event counts do not change.
"""
from sqlalchemy import delete, select

from app.extensions import db
from app.models import PartyMembership, PartyReport, party_report_posts
from app.party.views import membership_view, report_view


def my_party_data(user):
    membership = db.session.execute(select(PartyMembership).where(PartyMembership.user_id == user.id)).scalar()
    reports = db.session.execute(select(PartyReport).where(PartyReport.user_id == user.id)
                                 .order_by(PartyReport.id)).scalars()
    shown = membership_view(membership) if membership else None
    if shown:
        shown = dict(shown, reviewed_by_id=membership.reviewed_by_id)
    return {"membership": shown, "reports": [report_view(r) for r in reports]}


def erase_party_data(sender, user_id, **kwargs):
    """Receiver of ``account_closed``."""
    mine = select(PartyReport.id).where(PartyReport.user_id == user_id)
    db.session.execute(delete(party_report_posts).where(party_report_posts.c.report_id.in_(mine)))
    db.session.execute(delete(PartyReport).where(PartyReport.user_id == user_id))
    db.session.execute(delete(PartyMembership).where(PartyMembership.user_id == user_id))
    db.session.commit()
