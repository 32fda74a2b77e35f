"""How big each generated district is.

``district`` is issue 16's five-year district; ``small`` keeps its shapes at
about 1/200 of the people and activity, so a test seeds it in seconds. The
calendar does not shrink as far (1/20): every community still has its welfare
day every month for five years, and the plan test needs an events table big
enough that a sequential scan of it is a real mistake, not the cheap choice.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class ScaleSize:
    name: str
    residents: int            # users, volunteers included
    volunteers: int           # of whom ~98% approved, in the 1+5+X tree
    communities: int
    grids_per_community: int
    member_units: int
    community_squads: int     # squads per community (the X of 1+5+X, with the units' squads)
    unit_squads: int
    events: int               # over five years and two months ahead
    checkins: int             # past events only: in and out scans
    service_records: int      # one per volunteer per credited event
    notice_deliveries: int
    needs: int                # alliance needs; each gets about one duty
    work_orders: int          # 随手拍 reports of the grids
    quiz_answers: int         # online contest answers
    years: int = 5


SIZES = {
    "district": ScaleSize(
        name="district", residents=1_000_000, volunteers=100_000, communities=7, grids_per_community=20,
        member_units=200, community_squads=20, unit_squads=60, events=50_000, checkins=10_000_000,
        service_records=2_030_000, notice_deliveries=5_000_000, needs=5_000, work_orders=100_000,
        quiz_answers=1_000_000),
    "small": ScaleSize(
        name="small", residents=5_000, volunteers=500, communities=7, grids_per_community=3,
        member_units=20, community_squads=2, unit_squads=4, events=2_500, checkins=50_000,
        service_records=10_150, notice_deliveries=25_000, needs=100, work_orders=500, quiz_answers=5_000),
}
