"""Check-in throughput at district size against an empty database.

The same burst as bench/checkin (its load.py: every resident's scan once in a
shuffled order plus 25 % repeats, the QR token refreshed from the organiser's
endpoint) on today's welfare day, once in the district database with real
residents drawn with the data's skew, once in a throwaway database migrated
and seeded by bench/checkin's own seed. Same server settings for both.
"""
import contextlib
import types

import redis

from bench.checkin.run import ThrowawayDatabase, backend_pids, phase_figures, run_load, seed
from bench.scale.people import sample_residents
from bench.scale.server import Server

WARMUP_PEOPLE = 200


def burst(port, seed_value, server, database_url, event_id, warmup_event_id, organiser_bearer, residents, phones,
          time_limit=120):
    """Warm every worker on another event, then the measured burst; bench/checkin's figures."""
    args = types.SimpleNamespace(port=port, seed=seed_value)
    run_load(args, warmup_event_id, organiser_bearer, residents[:WARMUP_PEOPLE], phones, 0.0, 60)
    watch = [("app (gunicorn)", server.pids()), ("postgres", backend_pids(database_url))]
    report = run_load(args, event_id, organiser_bearer, residents[WARMUP_PEOPLE:], phones, 0.25, time_limit, watch)
    report.pop("answered_in", None)
    return phase_figures(report)


def district(app, borrowed, server, database_url, people, phones, seed_value):
    event_id, warmup_event_id, organiser_id = borrowed.open_welfare_day()
    organiser_bearer = next(iter(borrowed.mint([organiser_id])))
    residents = list(borrowed.mint(sample_residents(app, people + WARMUP_PEOPLE, seed_value + 1)))
    return burst(server.port, seed_value, server, database_url, event_id, warmup_event_id, organiser_bearer,
                 residents, phones)


def empty(server_url, base_env, redis_url, people, phones, seed_value, server_options):
    """A throwaway database (migrated, one open event, ``people`` residents logged in), dropped after."""
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(ThrowawayDatabase(server_url))
        env = {**base_env, "DATABASE_URL": database.url, "REDIS_URL": redis_url}
        redis.Redis.from_url(redis_url).flushdb()
        event_id, warmup_event_id, organiser_bearer, residents, _ = seed(env, people + WARMUP_PEOPLE, None, redis_url)
        server = stack.enter_context(Server(env, **server_options))
        return burst(server.port, seed_value, server, database.url, event_id, warmup_event_id, organiser_bearer,
                     residents, phones)
