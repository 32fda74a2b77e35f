"""Needs (需求清单) and duties (履职清单).

Who sees a need:
* in full (contact, photos, place, raiser): whoever raised it, the staff of
  its community, the office, and the contacts of a unit holding a live duty
  on it (offered, claimed, accepted, done, closed: not after declining or
  being withdrawn);
* without personal details: everyone signed in, when the need is public.
Nobody else learns it exists (404).

Who acts: the community's staff (and the office) dispatch, confirm or refuse
claims and take dispatches back; a unit's contacts answer and carry out their
unit's duties and claim open public needs; the raiser cancels (as may the
community) and rates and reopens (a need raised by another area with no
raiser: the community's staff).
"""
from sqlalchemy import or_, select, true

from app.auth.policy.scope import is_admin, speaks_for, staffed_community_ids, staffs_community, unit_ids_spoken_for
from app.models import DUTY_ENDED, Duty, Need


def _live_unit_ids(need):
    return {d.unit_id for d in need.duties if d.status not in DUTY_ENDED}


def may_see_in_full(user, need):
    if user is None:
        return False
    if is_admin(user) or need.raised_by_id == user.id or staffs_community(user, need.community_id):
        return True
    return bool(_live_unit_ids(need) & unit_ids_spoken_for(user))


def may_see(user, need):
    return user is not None and (need.is_public or may_see_in_full(user, need))


def visible_clause(user, need=Need):
    """Which needs ``user`` sees, for lists: the SQL twin of ``may_see``."""
    if is_admin(user):
        return true()
    units = sorted(unit_ids_spoken_for(user))
    held = select(Duty.need_id).where(Duty.unit_id.in_(units or [-1]), Duty.status.not_in(DUTY_ENDED))
    return or_(
        need.is_public.is_(True),
        need.raised_by_id == user.id,
        need.community_id.in_(sorted(staffed_community_ids(user)) or [-1]),
        need.id.in_(held),
    )


def may_manage(user, need):
    """Dispatch, see suggestions, confirm or refuse claims, take a dispatch back."""
    return staffs_community(user, need.community_id)


def may_raise_for(user, community_id):
    """Raise a need on the community's behalf (for a resident, or its own)."""
    return staffs_community(user, community_id)


def may_cancel(user, need):
    return need.raised_by_id == user.id or may_manage(user, need)


def may_rate(user, need):
    """Rate and reopen: whoever raised it; with no raiser (another area's
    need), the community's staff."""
    if need.raised_by_id is not None:
        return need.raised_by_id == user.id
    return may_manage(user, need)


def may_act_for(user, duty):
    """Accept, decline, progress, done: the duty's unit speaks."""
    return speaks_for(user, duty.unit_id)


def may_claim_for(user, unit_id):
    return speaks_for(user, unit_id)


def may_read_duties(user, unit_id):
    """A unit's 履职清单: its contacts and the office, nobody else."""
    return speaks_for(user, unit_id)
