// When the organiser's rotating check-in code must be fetched again.
//
// A code is valid for a short window (30 s by default). The screen fetches
// the next one before the current one expires, early enough that a person
// who scans in the last moment still reaches the server in time: the margin
// is a fifth of the window, at least 3 s. Phone and server clocks differ, so
// expiry is measured on the server's clock: offset = server time - phone
// time, taken from the answer that carried the code.
const MIN_MARGIN_MS = 3000;
const MARGIN_SHARE = 0.2;
const MIN_DELAY_MS = 1000;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 10000;

// serverNow: the server's idea of "now" (ISO or ms) at the moment the phone's
// clock read clientNow (ms). -> ms to add to the phone's clock.
function clockOffset(serverNow, clientNow) {
  const server = typeof serverNow === 'number' ? serverNow : Date.parse(serverNow);
  if (!isFinite(server)) return 0;
  return server - clientNow;
}

// The HTTP Date header (second resolution) is the fallback source of server time.
function offsetFromHeader(header, clientNow) {
  const value = header && (header.Date || header.date);
  return value ? clockOffset(value, clientNow) : 0;
}

// {expiresAt, ttlSeconds, offsetMs, now} -> {refreshInMs, secondsLeft, marginMs}
function plan(opts) {
  const expires = typeof opts.expiresAt === 'number' ? opts.expiresAt : Date.parse(opts.expiresAt);
  const now = (opts.now === undefined ? Date.now() : opts.now) + (opts.offsetMs || 0);
  const ttlMs = Math.max(1, Number(opts.ttlSeconds) || 30) * 1000;
  const marginMs = Math.max(MIN_MARGIN_MS, Math.round(ttlMs * MARGIN_SHARE));
  const leftMs = isFinite(expires) ? expires - now : 0;
  return {
    refreshInMs: Math.max(MIN_DELAY_MS, leftMs - marginMs),
    secondsLeft: Math.max(0, Math.ceil(leftMs / 1000)),
    marginMs: marginMs,
  };
}

// Whole seconds the code shown has left, on the server's clock.
function secondsLeft(expiresAt, offsetMs, now) {
  const expires = typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt);
  if (!isFinite(expires)) return 0;
  const current = (now === undefined ? Date.now() : now) + (offsetMs || 0);
  return Math.max(0, Math.ceil((expires - current) / 1000));
}

// When to fetch the next code. The server says how long the code it just
// gave should stay up (X-Token-Refresh-In / refresh_in, seconds, already
// short of expiry): relative, so immune to a wrong phone clock. Without it,
// plan() from expires_at. -> {delayMs, refreshAt (phone clock)}
function nextRefresh(opts) {
  const now = opts.now === undefined ? Date.now() : opts.now;
  const serverSays = Number(opts.refreshIn);
  let delayMs;
  if (opts.refreshIn !== undefined && opts.refreshIn !== null && opts.refreshIn !== '' && isFinite(serverSays)) {
    delayMs = Math.max(MIN_DELAY_MS, Math.round(serverSays * 1000));
  } else {
    delayMs = plan({ expiresAt: opts.expiresAt, ttlSeconds: opts.ttlSeconds, offsetMs: opts.offsetMs, now: now }).refreshInMs;
  }
  return { delayMs: delayMs, refreshAt: now + delayMs };
}

// Whole seconds until the next code, for the countdown under it.
function countdown(refreshAt, now) {
  return Math.max(0, Math.ceil((refreshAt - (now === undefined ? Date.now() : now)) / 1000));
}

// A failed fetch is retried sooner than the window: 1 s, 2 s, 4 s ... 10 s.
function retryDelay(attempt) {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * Math.pow(2, Math.max(0, attempt)));
}

// The code on screen is stale (expired on the server's clock): show it dimmed.
function isStale(expiresAt, offsetMs, now) {
  return secondsLeft(expiresAt, offsetMs, now) === 0;
}

module.exports = {
  MIN_MARGIN_MS, MARGIN_SHARE, MIN_DELAY_MS, clockOffset, offsetFromHeader, plan, nextRefresh, countdown, secondsLeft,
  retryDelay, isStale,
};
