"""The load generator at a fixed rate: the morning's mix arriving open-loop.

The closed-loop mix (mix.py) keeps 64 phones busy, so the server is always
saturated and its latencies are mostly waiting in line. Here requests arrive
at ``rate`` a second whatever the server does (Poisson arrivals, or evenly
spaced), which is how phones arrive on a real morning, so what is measured is
the latency at that load.

One thread drives everything through a selector, as mix.py does: a send never
waits for an earlier answer, so a slow answer cannot delay the next arrival.
Each arrival takes an idle keep-alive connection (the most recently used
first, so a low rate needs few of them) or opens a new one, up to
``max_connections``; beyond that it waits for one in a backlog. Latency is
measured from the arrival's *scheduled* time, not from when it was sent, so a
backlog, a busy generator or a slow connect counts against the server's
figures instead of hiding (no coordinated omission); how late sends were is
reported apart.

The same actions, weights, people and events as the mix (mix.Mix plans them);
a home page's four requests are four consecutive arrivals.

Input (stdin, JSON): mix.py's spec plus rate, arrivals ("poisson" or "even"),
max_connections.
Output (stdout, JSON): mix.py's summary (per endpoint p50/p95/p99/max, answers
by status, per_s = answered requests scheduled in the measured window per
second) plus the offered rate, the sent rate and the send lag.
"""
import json
import random
import selectors
import sys
import time

from bench.checkin.load import Phone, percentile
from bench.scale.mix import receive, request_bytes, start_mix, summarise

# An answer still missing this long after the last arrival is counted as an error.
DRAIN_SECONDS = 30


class Arrivals:
    """Scheduled send times at ``rate`` a second from ``start``."""

    def __init__(self, rate, kind, start, seed):
        self.gap = 1.0 / rate
        self.kind = kind
        self.rng = random.Random(seed)
        self.next_at = start

    def pop(self):
        at = self.next_at
        self.next_at += self.rng.expovariate(1.0 / self.gap) if self.kind == "poisson" else self.gap
        return at


class OpenLoop:
    def __init__(self, spec):
        self.spec, self.port = spec, spec["port"]
        self.mix = start_mix(spec)
        self.selector = selectors.DefaultSelector()
        self.idle, self.opened, self.backlog, self.planned = [], 0, [], []
        self.in_flight = {}  # id(phone) -> (scheduled, label, request, retried)
        self.results, self.lags = [], []  # (label, latency, status, code); seconds a send was late
        # Latency from the actual send, apart: the scheduled-time figure minus the generator's own lateness.
        self.from_send = {}  # label -> [seconds]
        self.sent = self.waited = self.peak = 0
        self.measure_from = 0.0

    def next_request(self):
        if not self.planned:
            self.planned.extend(self.mix.plan())
        return self.planned.pop(0)

    def phone(self):
        """An idle connection, a new one, or None at max_connections."""
        if self.idle:
            phone = self.idle.pop()
            self.selector.unregister(phone.sock)  # it was watched only for the server closing it
            return phone
        if self.opened >= self.spec["max_connections"]:
            return None
        self.opened += 1
        self.peak = max(self.peak, self.opened)
        phone = Phone(self.port)
        phone.connect()
        return phone

    def send(self, phone, scheduled, label, request, retried=False):
        method, path, bearer, body = request
        phone.buffer = b""
        phone.started = time.perf_counter()
        try:
            phone.sock.sendall(request_bytes(self.port, method, path, bearer, body))
        except OSError as exc:
            # The server closed this idle connection as it was taken: once more on a new one.
            self.retire(phone)
            if retried:
                return self.note(scheduled, label, 0, type(exc).__name__)
            return self.dispatch(scheduled, label, request, retried=True)
        if scheduled >= self.measure_from:
            self.sent += 1
            self.lags.append(time.perf_counter() - scheduled)
        self.in_flight[id(phone)] = (scheduled, label, request, retried)
        self.selector.register(phone.sock, selectors.EVENT_READ, phone)

    def dispatch(self, scheduled, label, request, retried=False):
        phone = self.phone()
        if phone is None:
            self.waited += scheduled >= self.measure_from
            self.backlog.append((scheduled, label, request, retried))
        else:
            self.send(phone, scheduled, label, request, retried)

    def retire(self, phone):
        phone.close()
        self.opened -= 1

    def free(self, phone):
        self.idle.append(phone)
        self.selector.register(phone.sock, selectors.EVENT_READ, phone)

    def serve_backlog(self):
        """Arrivals that found every connection busy go first, oldest first, as connections free up."""
        while self.backlog and (self.idle or self.opened < self.spec["max_connections"]):
            self.send(self.phone(), *self.backlog.pop(0))

    def on_readable(self, phone):
        if id(phone) not in self.in_flight:  # an idle connection the server closed
            self.selector.unregister(phone.sock)
            self.idle.remove(phone)
            self.retire(phone)
            return
        answer = receive(phone)
        if answer is None:
            return
        self.selector.unregister(phone.sock)
        scheduled, label, request, retried = self.in_flight.pop(id(phone))
        status, code, keep_alive = answer
        if not keep_alive:
            self.retire(phone)
        if status == 0 and not retried and not phone.buffer:
            # Closed before any answer (a keep-alive connection timing out as it was reused): resend once.
            self.dispatch(scheduled, label, request, retried=True)
        else:
            self.note(scheduled, label, status, code)
            if scheduled >= self.measure_from:
                self.from_send.setdefault(label, []).append(time.perf_counter() - phone.started)
        if keep_alive:
            self.free(phone)

    def note(self, scheduled, label, status, code):
        """Only arrivals scheduled after the warm-up count, however late their answer came."""
        if scheduled >= self.measure_from:
            self.results.append((label, time.perf_counter() - scheduled, status, code))

    def run(self):
        spec = self.spec
        started = time.perf_counter()
        self.measure_from = started + spec["warmup"]
        deadline = self.measure_from + spec["seconds"]
        arrivals = Arrivals(spec["rate"], spec["arrivals"], started, spec["seed"])
        while True:
            now = time.perf_counter()
            while arrivals.next_at <= now and arrivals.next_at < deadline:
                scheduled = arrivals.pop()
                self.dispatch(scheduled, *self.next_request())
            done_sending = arrivals.next_at >= deadline
            if done_sending and (not (self.in_flight or self.backlog) or now > deadline + DRAIN_SECONDS):
                break
            wait = 1.0 if done_sending else max(0.0, arrivals.next_at - time.perf_counter())
            for key, _ in self.selector.select(timeout=wait):
                self.on_readable(key.data)
            self.serve_backlog()
        for scheduled, label, _, _ in list(self.in_flight.values()) + self.backlog:
            self.note(scheduled, label, 0, "no_answer")

    def summary(self):
        spec = self.spec
        lags = sorted(self.lags) or [0.0]
        return {**summarise(self.results, spec["seconds"]), "offered_per_s": spec["rate"],
                "arrivals": spec["arrivals"], "sent_per_s": round(self.sent / spec["seconds"], 1),
                "p99_from_send_ms": {label: round(1000 * percentile(sorted(values), 0.99), 2)
                                     for label, values in sorted(self.from_send.items())},
                "connections_peak": self.peak, "waited_for_a_connection": self.waited,
                "send_lag_ms": {name: round(1000 * percentile(lags, q), 2)
                                for name, q in (("p50", 0.50), ("p99", 0.99), ("max", 1.0))}}


def main():
    loop = OpenLoop(json.load(sys.stdin))
    loop.run()
    print(json.dumps(loop.summary()))


if __name__ == "__main__":
    main()
