"""The distance of a track: measured by the server, repeats skipped, GPS jumps ignored."""
from datetime import datetime, timedelta, timezone

from app.patrols.track import Anchor, walk

T0 = datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)


def point(seconds, lat, lng):
    return {"latitude": lat, "longitude": lng, "recorded_at": T0 + timedelta(seconds=seconds)}


def test_a_walk_adds_up_out_of_order_points_are_sorted_and_jumps_are_left_out():
    # ~111 m north per 0.001° of latitude, a minute apart (under 2 m/s)
    points = [point(60, 30.301, 120.3), point(0, 30.300, 120.3),
              point(90, 30.320, 120.3),                      # 2 km in 30 s: a bad fix
              point(120, 30.302, 120.3), point(120, 30.302, 120.3)]
    steps, anchor = walk(Anchor(None, None, None), points)
    assert [s.counted for s in steps] == [True, True, False, True]  # the repeat at 120 s is skipped
    assert round(sum(s.metres for s in steps)) == 222
    assert anchor.latitude == 30.302 and anchor.at == T0 + timedelta(seconds=120)

    # The next batch starts from the anchor; anything older is a repeat.
    later, _ = walk(anchor, [point(100, 30.2, 120.3), point(180, 30.303, 120.3)])
    assert len(later) == 1 and round(later[0].metres) == 111


def test_standing_still_jitter_adds_nothing():
    steps, anchor = walk(Anchor(30.3, 120.3, T0), [point(10, 30.30001, 120.3), point(20, 30.3, 120.30001)])
    assert sum(s.metres for s in steps) == 0 and anchor.latitude == 30.3
