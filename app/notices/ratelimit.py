"""One send rate for every worker together: a token bucket in Redis.

The bucket refills at NOTICE_SEND_RATE tokens a second and holds a tenth of
a second's worth, so a burst stays small. The script reads Redis's own clock,
so workers on hosts whose clocks disagree still share one rate.
"""
import math
import random
import time

from flask import current_app

from app.extensions import redis_store

BUCKET_KEY = "notices:send-bucket"

_SCRIPT = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return wait
"""


def _script():
    client = redis_store.client
    script = getattr(client, "_jusha_send_bucket", None)
    if script is None:
        script = client.register_script(_SCRIPT)
        client._jusha_send_bucket = script
    return script


def burst_for(rate):
    return max(1, math.ceil(rate / 10))


def try_acquire():
    """0 when a send may go now, else the milliseconds to wait."""
    rate = current_app.config["NOTICE_SEND_RATE"]
    return int(_script()(keys=[BUCKET_KEY], args=[rate, burst_for(rate)]))


def acquire():
    """Block until this worker may make one send."""
    while True:
        wait_ms = try_acquire()
        if wait_ms <= 0:
            return
        # A little jitter so waiting threads do not all wake on the same tick.
        time.sleep(wait_ms / 1000 * random.uniform(1.0, 1.5))
