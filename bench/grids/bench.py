"""How fast the grid of a location is found (GET /grids/locate, a report's
grid) and a patrol's track is measured, with a realistic number of grids:
the seven communities with GRIDS_PER_COMMUNITY grids each, as small squares
side by side. Prints lookups/s and track points/s. Run it with bench/grids/run
(embedded SQLite in a temporary folder, or DATABASE_URL for PostgreSQL).
"""
import argparse
import os
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone


def parse_args():
    parser = argparse.ArgumentParser(prog="bench/grids/run", description=__doc__)
    parser.add_argument("--grids", type=int, default=60, help="grids per community")
    parser.add_argument("--lookups", type=int, default=5000)
    parser.add_argument("--points", type=int, default=100_000, help="track points measured")
    return parser.parse_args()


def seed(communities, per_community):
    from app.extensions import db
    from app.grids import geo
    from app.models import Community, Grid

    size = 0.001
    for c in range(communities):
        community = Community(name=f"基准社区{c}", code=f"bench{c}")
        db.session.add(community)
        db.session.flush()
        for g in range(per_community):
            lng, lat = 120.30 + c * 0.02 + (g % 10) * size, 30.28 + (g // 10) * size
            boundary = {"type": "Polygon", "coordinates": [[[lng, lat], [lng + size, lat], [lng + size, lat + size],
                                                            [lng, lat + size], [lng, lat]]]}
            grid = Grid(community_id=community.id, name=f"网格{g}", code=f"b{c}-{g}", boundary=boundary)
            grid.min_lat, grid.max_lat, grid.min_lng, grid.max_lng = geo.bounding_box(geo.polygon_from_geojson(boundary))
            db.session.add(grid)
    db.session.commit()


def main():
    args = parse_args()
    from flask_migrate import upgrade

    from app import MIGRATIONS_DIR, create_app
    from app.grids.geo import grid_for_location
    from app.patrols.track import Anchor, walk

    folder = tempfile.mkdtemp(prefix="jusha-bench-grids-")
    env = {"APP_ENV": "testing", "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.db",
           "REDIS_URL": "", "SECRET_KEY": "bench"}
    app = create_app(env=env)
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        seed(7, args.grids)
        rng = random.Random(7)
        points = [(30.28 + rng.random() * 0.012, 120.30 + rng.random() * 0.14) for _ in range(args.lookups)]
        started = time.perf_counter()
        found = sum(grid_for_location(lat, lng) is not None for lat, lng in points)
        seconds = time.perf_counter() - started
        print(f"grid_for_location: {7 * args.grids} grids, {args.lookups} lookups in {seconds:.2f} s = "
              f"{args.lookups / seconds:,.0f}/s ({seconds / args.lookups * 1000:.2f} ms each), {found} inside a grid")
    t0 = datetime(2026, 12, 2, tzinfo=timezone.utc)
    track = [{"latitude": 30.3 + i * 0.00005, "longitude": 120.3, "recorded_at": t0 + timedelta(seconds=5 * i)}
             for i in range(args.points)]
    started = time.perf_counter()
    steps, _ = walk(Anchor(None, None, None), track)
    seconds = time.perf_counter() - started
    print(f"track.walk: {len(steps):,} points in {seconds:.2f} s = {len(steps) / seconds:,.0f} points/s, "
          f"{sum(s.metres for s in steps) / 1000:.1f} km")


if __name__ == "__main__":
    main()
