"""The mix at steady rates, and the highest rate at which every phone read stays fast.

The closed-loop mix saturates the machine, so its p99 is time spent in the
server's queue. Issue 16 asks for every phone-facing read at p99 under 50 ms:
that is a question about a load the server can sustain. So the same mix is
sent open-loop (openloop.py) at a few fixed rates, by default 20, 40, 60 and
80 % of the closed-loop throughput, lowest first; the answer is the highest
step at which every read's p99 (every endpoint but check-in, a write) is
under 50 ms with no read failing. Steps stop at the first that misses: a
higher rate only queues more. If even the lowest step misses, 10 % and then
5 % are tried, so that the answer is a rate and not just "none"; if 5 %
misses too, a read costs more than 50 ms on its own (its p50 says so).
"""
import sys

READ_P99_MS = 50
# Fractions of the closed-loop throughput tried when no --rate is given.
STEPS = (0.2, 0.4, 0.6, 0.8)
# Tried, in this order, only when the lowest step misses.
BELOW = (0.1, 0.05)
WRITES = {"check-in"}


def reads_verdict(result):
    """(worst read p99 in ms, its endpoint, whether every read is fast and none failed)."""
    reads = {name: e for name, e in result["endpoints"].items() if name not in WRITES}
    if not reads:
        return None, None, False
    worst = max(reads, key=lambda name: reads[name]["p99"])
    ok = all(e["p99"] < READ_P99_MS and e["errors"] == 0 for e in reads.values())
    return reads[worst]["p99"], worst, ok


def step_rates(capacity, fractions=STEPS):
    return [max(1.0, round(capacity * fraction, 1)) for fraction in fractions]


def search(rates, run_at, stop_at_first_miss=True, below=()):
    """Run the mix at each rate (req/s) in ascending order with ``run_at(rate)``,
    then, if the first missed, at each of ``below`` in turn until one passes;
    the steps and the highest achieved rate at which every read was fast."""
    steps = []
    for rate in sorted(rates):
        steps.append(step(rate, run_at))
        if not steps[-1]["reads_ok"] and stop_at_first_miss:
            break
    if not steps[0]["reads_ok"]:
        for rate in below:
            steps.insert(0, step(rate, run_at))
            if steps[0]["reads_ok"]:
                break
    passing = [s["per_s"] for s in steps if s["reads_ok"]]
    return {"steps": sorted(steps, key=lambda s: s["offered_per_s"]),
            "reads_p99_under_50ms_up_to_per_s": max(passing) if passing else None}


def step(rate, run_at):
    result = run_at(rate)
    worst, endpoint, ok = reads_verdict(result)
    result.update({"worst_read_p99_ms": worst, "worst_read": endpoint, "reads_ok": ok})
    print(f"rate {rate:g} req/s offered: {result['per_s']:g} answered/s, worst read p99 {worst} ms "
          f"({endpoint}), {'ok' if ok else 'MISS'}", file=sys.stderr)
    return result
