// One EventSource for the screen, kept alive for a day without a reload.
// The browser reconnects by itself when the server ends a stream (every few
// minutes, by design) or restarts (the server sends `retry:`); a watchdog
// re-opens a stream that went silent (a half-open connection after a
// network change) or that the browser gave up on. Never more than one open.

export const WATCHDOG_MS = 150000 // > the server's 60 s snapshot interval, twice over
export const REOPEN_MS = 5000 // doubled after each failed attempt, up to a minute
export const REOPEN_MAX_MS = 60000

export function streamUrl(key) {
  return '/api/v1/screen/stream?key=' + encodeURIComponent(key)
}

/**
 * Open the stream; `onEvent(name, data)` for every event, `onStatus(status)`
 * with 'live' | 'reconnecting' | 'revoked'. Returns close(). Timers and the
 * EventSource are injectable for tests.
 */
export function openScreenStream(url, onEvent, onStatus, {
  EventSourceImpl = window.EventSource,
  setTimer = (fn, ms) => window.setTimeout(fn, ms),
  clearTimer = (id) => window.clearTimeout(id),
} = {}) {
  let source = null
  let watchdog = null
  let reopen = null
  let closed = false
  let failures = 0

  const arm = () => {
    clearTimer(watchdog)
    watchdog = setTimer(restart, WATCHDOG_MS)
  }

  function restart() {
    if (closed) return
    if (source) source.close()
    source = null
    onStatus('reconnecting')
    clearTimer(reopen)
    reopen = setTimer(connect, Math.min(REOPEN_MS * 2 ** failures, REOPEN_MAX_MS))
    failures += 1
  }

  function connect() {
    if (closed) return
    source = new EventSourceImpl(url)
    source.onopen = () => {
      failures = 0
      onStatus('live')
      arm()
    }
    source.onerror = () => {
      // CONNECTING: the browser retries by itself; CLOSED: it gave up (e.g. an HTTP error).
      if (source && source.readyState === 2) restart()
      else onStatus('reconnecting')
    }
    for (const name of ['snapshot', 'checkin', 'bye']) {
      source.addEventListener(name, (message) => {
        arm()
        onEvent(name, JSON.parse(message.data))
      })
    }
    source.addEventListener('revoked', () => {
      onEvent('revoked', {})
      onStatus('revoked')
      close()
    })
    arm()
  }

  function close() {
    closed = true
    clearTimer(watchdog)
    clearTimer(reopen)
    if (source) source.close()
    source = null
  }

  connect()
  return close
}
