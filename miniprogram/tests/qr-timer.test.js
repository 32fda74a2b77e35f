const test = require('node:test');
const assert = require('node:assert/strict');
const qrTimer = require('../utils/qr-timer');

test("the server's refresh_in decides, immune to the phone's clock", () => {
  const next = qrTimer.nextRefresh({ refreshIn: '24.500', expiresAt: '2000-01-01T00:00:00Z', now: 1000 });
  assert.deepEqual(next, { delayMs: 24500, refreshAt: 25500 });
});

test('without refresh_in: a fifth of the window early, at least 3 s', () => {
  const now = Date.parse('2026-05-10T01:00:00Z');
  const p = qrTimer.plan({ expiresAt: '2026-05-10T01:00:30Z', ttlSeconds: 30, now });
  assert.equal(p.marginMs, 6000);
  assert.equal(p.refreshInMs, 24000);
  assert.equal(p.secondsLeft, 30);
  assert.equal(qrTimer.plan({ expiresAt: now + 10000, ttlSeconds: 10, now }).refreshInMs, 7000);
  assert.equal(qrTimer.nextRefresh({ expiresAt: '2026-05-10T01:00:30Z', ttlSeconds: 30, now }).delayMs, 24000);
});

test("a phone clock that runs 20 s fast is corrected with the server's time", () => {
  const server = Date.parse('2026-05-10T01:00:00Z');
  const phone = server + 20000;
  const offset = qrTimer.clockOffset('2026-05-10T01:00:00Z', phone);
  assert.equal(offset, -20000);
  assert.equal(qrTimer.plan({ expiresAt: server + 30000, ttlSeconds: 30, offsetMs: offset, now: phone }).refreshInMs, 24000);
  assert.equal(qrTimer.offsetFromHeader({ Date: 'Sun, 10 May 2026 01:00:00 GMT' }, phone), -20000);
  assert.equal(qrTimer.offsetFromHeader({}, phone), 0);
});

test('an already expired code is fetched again at once (after the minimum delay)', () => {
  const now = 100000;
  assert.equal(qrTimer.plan({ expiresAt: now - 5000, ttlSeconds: 30, now }).refreshInMs, qrTimer.MIN_DELAY_MS);
  assert.equal(qrTimer.nextRefresh({ refreshIn: 0, now }).delayMs, qrTimer.MIN_DELAY_MS);
  assert.equal(qrTimer.isStale(now - 1, 0, now), true);
});

test('countdown and retry backoff', () => {
  assert.equal(qrTimer.countdown(10500, 1000), 10);
  assert.equal(qrTimer.countdown(500, 1000), 0);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(qrTimer.retryDelay), [1000, 2000, 4000, 8000, 10000, 10000]);
  assert.equal(qrTimer.secondsLeft('2026-05-10T01:00:30Z', 0, Date.parse('2026-05-10T01:00:00.200Z')), 30);
});
