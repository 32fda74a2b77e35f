"""The generated district as compact arrays: who lives where, who volunteers
how often, and the five-year calendar with how many people each event draws.

Nothing here is a table's rows. The row generators (people.py, activity.py)
walk these arrays and stream rows, and ``participants(i)`` re-derives event
``i``'s attendees from its own random stream, so each table's pass (check-ins,
service records, ledger, registrations) sees the same people without any of
them being kept in memory.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np

from app.events.times import second_sunday
from app.localtime import wall_clock

DAY = 86_400
KINDS = ("welfare_day", "lecture", "party_day", "volunteer_activity")
WELFARE, LECTURE, PARTY, ACTIVITY = range(4)
# Of the events that are not welfare days (share of the calendar).
KIND_SHARES = {LECTURE: 0.20, PARTY: 0.05, ACTIVITY: 0.75}
# Median attendance before scaling to the size's totals: (residents, volunteers).
MEDIANS = {WELFARE: (3500, 150), LECTURE: (40, 0), PARTY: (30, 0), ACTIVITY: (40, 25)}
REVIEW_AFTER_DAYS = 14      # older service records are reviewed; newer ones pending
APPROVED, REJECTED, MISSING_CHECKOUT, PENDING = range(4)
RECORD_STATUSES = ("approved", "rejected", "missing_checkout", "pending")


def skewed_cdf(count, offset, power=1.0):
    """Cumulative Zipf-like weights (rank + offset) ** -power: a few very
    active people, a long tail of occasional ones."""
    return np.cumsum((np.arange(count) + offset) ** -power)


def draw_unique(rng, cdf, ids, n):
    """``n`` distinct ids drawn by weight (fewer if the pool runs dry)."""
    if n <= 0 or len(ids) == 0:
        return ids[:0]
    n = min(n, len(ids))
    size = int(n * 1.3) + 8
    for _ in range(4):
        picks = np.searchsorted(cdf, rng.random(size) * cdf[-1])
        unique, first = np.unique(picks, return_index=True)
        if len(unique) >= n:
            break
        size *= 2
    return ids[unique[np.argsort(first)][:n]]


@dataclass
class Participants:
    volunteers: np.ndarray      # user ids serving (check in + out, a service record)
    residents: np.ndarray       # user ids attending (check in only)
    no_shows: np.ndarray        # registered, never came
    cancelled: np.ndarray       # registered, then cancelled
    in_early: np.ndarray        # seconds before the start each volunteer/resident scanned in
    out_late: np.ndarray        # seconds after the end each volunteer scanned out
    record_status: np.ndarray   # per volunteer, an index into RECORD_STATUSES
    correction: np.ndarray      # per volunteer, minutes of a later correction (0: none)


class World:
    def __init__(self, size, seed=16, now=None):
        self.size, self.seed = size, seed
        now = now or datetime.now(timezone.utc)
        self.anchor = int(datetime(now.year, now.month, now.day, tzinfo=timezone.utc).timestamp())
        self.start = self.anchor - size.years * 365 * DAY
        self.horizon = self.anchor + 60 * DAY
        rng = np.random.default_rng([seed, 0])
        self._people(rng)
        self._calendar(rng)

    # -- people ---------------------------------------------------------
    def _people(self, rng):
        s = self.size
        self.user_ids = np.arange(1, s.residents + 1)
        self.user_community = rng.integers(1, s.communities + 1, s.residents + 1)  # index by user id
        self.user_community[0] = 0
        order = rng.permutation(self.user_ids)  # activity rank: order[0] is the keenest
        self.volunteer_users = order[:s.volunteers]
        approved = int(s.volunteers * 0.98)
        self.approved_volunteers = self.volunteer_users[:approved]
        self.volunteer_cdf = skewed_cdf(approved, offset=max(2, approved // 1000))
        # squads: community squads first (per community), then the units' squads
        self.squad_ids = np.arange(7, 7 + s.communities * s.community_squads + s.unit_squads)
        self.squad_brigade = 2 + (np.arange(len(self.squad_ids)) % 5)
        self.user_team = np.zeros(s.residents + 1, dtype=np.int64)
        comm = self.user_community[self.approved_volunteers]
        in_unit = rng.random(approved) < 0.2
        local = 7 + (comm - 1) * s.community_squads + rng.integers(0, s.community_squads, approved)
        unit = 7 + s.communities * s.community_squads + rng.integers(0, s.unit_squads, approved)
        self.user_team[self.approved_volunteers] = np.where(in_unit, unit, local)
        # residents of each community, in activity order, with their weights
        self.community_pool, self.community_cdf = {}, {}
        for c in range(1, s.communities + 1):
            pool = order[self.user_community[order] == c]
            self.community_pool[c] = pool
            self.community_cdf[c] = skewed_cdf(len(pool), offset=max(2, len(pool) // 100), power=0.9)
        self.user_created = rng.integers(self.start - 365 * DAY, self.anchor - DAY, s.residents + 1)
        self.unit_community = np.where(rng.random(s.member_units + 1) < 0.6,
                                       rng.integers(1, s.communities + 1, s.member_units + 1), 0)

    def brigade_volunteers(self, brigade_id):
        teams = self.squad_ids[self.squad_brigade == brigade_id]
        return self.approved_volunteers[np.isin(self.user_team[self.approved_volunteers], teams)]

    # -- calendar ---------------------------------------------------------
    def _calendar(self, rng):
        s = self.size
        starts, kinds, comms, units, parents, keys = [], [], [], [], [], []
        first = datetime.fromtimestamp(self.start, timezone.utc)
        year, month = first.year, first.month
        while True:
            day = second_sunday(year, month)
            at = int(wall_clock(day.year, day.month, day.day, 9).timestamp())
            if at > self.horizon:
                break
            if at >= self.start:
                starts.append(at); kinds.append(WELFARE); comms.append(0); units.append(0)
                parents.append(-1); keys.append((year, month, None))
                parent = len(starts) - 1
                for c in range(1, s.communities + 1):
                    starts.append(at); kinds.append(WELFARE); comms.append(c); units.append(0)
                    parents.append(parent); keys.append((year, month, c))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        n_welfare = len(starts)
        rest = max(0, s.events - n_welfare)
        other_kinds = rng.choice(list(KIND_SHARES), rest, p=list(KIND_SHARES.values()))
        days = rng.integers(self.start // DAY, self.horizon // DAY, rest)
        hours = rng.choice([1, 2, 6, 7, 8, 10, 11, 12], rest)  # 09:00-20:00 in China, as UTC hours
        other_starts = days * DAY + hours * 3600 + rng.choice([0, 1800], rest)
        by_unit = rng.random(rest) < np.where(other_kinds == PARTY, 0.9, np.where(other_kinds == LECTURE, 0.5, 0.3))
        other_units = np.where(by_unit, rng.integers(1, s.member_units + 1, rest), 0)
        other_comms = np.where(by_unit, self.unit_community[other_units], rng.integers(1, s.communities + 1, rest))
        kind = np.concatenate([np.array(kinds, dtype=np.int64), other_kinds])
        start = np.concatenate([np.array(starts, dtype=np.int64), other_starts])
        order = np.lexsort((np.arange(len(kind)), start))  # chronological ids, a parent before its children
        self.kind, self.starts = kind[order], start[order]
        self.community = np.concatenate([comms, other_comms]).astype(np.int64)[order]
        self.unit = np.concatenate([units, other_units]).astype(np.int64)[order]
        new_id = np.empty(len(order), dtype=np.int64)
        new_id[order] = np.arange(1, len(order) + 1)
        raw_parents = np.concatenate([parents, np.full(rest, -1)]).astype(np.int64)[order]
        self.parent = np.where(raw_parents >= 0, new_id[np.maximum(raw_parents, 0)], 0)
        raw_keys = keys + [None] * rest
        self.plan_keys = [raw_keys[i] for i in order]
        duration = np.select([self.kind == WELFARE, self.kind == LECTURE, self.kind == PARTY],
                             [150, 90, 120], rng.choice([60, 90, 120, 180, 240], len(order)))
        self.ends = self.starts + duration * 60
        self.credits_hours = (self.kind == ACTIVITY) | ((self.kind == WELFARE) & (self.community > 0))
        self.registration_required = (self.kind == LECTURE) | (self.kind == ACTIVITY)
        self.past = self.ends < self.anchor
        self._attendance(rng)

    def _attendance(self, rng):
        s, n = self.size, len(self.kind)
        res_median = np.array([MEDIANS[k][0] for k in range(4)])[self.kind]
        vol_median = np.array([MEDIANS[k][1] for k in range(4)])[self.kind]
        res = res_median * rng.lognormal(0, np.where(self.kind == WELFARE, 0.35, 0.8), n)
        vol = vol_median * rng.lognormal(0, np.where(self.kind == WELFARE, 0.35, 0.8), n)
        res[(self.kind == WELFARE) & (self.community == 0)] = 0  # the umbrella day: its communities' days count
        vol[~self.credits_hours] = 0
        vol *= s.service_records / max(1.0, vol[self.past].sum())
        res *= max(0.0, s.checkins - 2 * vol[self.past].sum()) / max(1.0, res[self.past].sum())
        pool = np.array([len(self.community_pool.get(int(c), self.user_ids)) for c in range(s.communities + 1)])
        self.n_residents = np.minimum(np.rint(res), 0.6 * pool[self.community]).astype(np.int64)
        self.n_volunteers = np.minimum(np.rint(vol), 0.5 * len(self.approved_volunteers)).astype(np.int64)
        self.capacity = np.where(self.registration_required,
                                 (np.ceil((self.n_residents + self.n_volunteers) * 1.25 / 10) + 1) * 10, 0)

    # -- one event's people -------------------------------------------------
    def participants(self, i):
        """Event ``i`` (0-based)'s people and scan details, the same on every call."""
        rng = np.random.default_rng([self.seed, 1, i])
        vols = draw_unique(rng, self.volunteer_cdf, self.approved_volunteers, int(self.n_volunteers[i]))
        c = int(self.community[i]) or int(rng.integers(1, self.size.communities + 1))  # a unit's own: anyone's
        pool, cdf = self.community_pool[c], self.community_cdf[c]
        extra = int(self.n_residents[i] * 0.15) if self.registration_required[i] else 0
        drawn = draw_unique(rng, cdf, pool, int(self.n_residents[i]) + extra)
        drawn = drawn[~np.isin(drawn, vols)]
        residents = drawn[:len(drawn) - extra] if extra else drawn
        rest = drawn[len(residents):]
        cut = (len(rest) * 2) // 3
        scanned = len(vols) + len(residents)
        status = rng.choice(4, len(vols), p=[0.97, 0.01, 0.02, 0.0])
        if self.ends[i] > self.anchor - REVIEW_AFTER_DAYS * DAY:
            status = np.where(status == MISSING_CHECKOUT, MISSING_CHECKOUT, PENDING)
        correction = np.where((status == APPROVED) & (rng.random(len(vols)) < 0.01),
                              rng.choice([-30, -15, 15, 30], len(vols)), 0)
        return Participants(
            volunteers=vols, residents=residents, no_shows=rest[:cut], cancelled=rest[cut:],
            in_early=rng.integers(0, 900, scanned), out_late=rng.integers(0, 1200, len(vols)),
            record_status=status, correction=correction)

    def when(self, seconds):
        return datetime.fromtimestamp(int(seconds), timezone.utc)

    def span_days(self):
        return (self.horizon - self.start) // DAY


def shift(moment, seconds):
    return moment + timedelta(seconds=int(seconds))
