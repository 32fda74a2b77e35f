import { describe, expect, it } from 'vitest'
import { REOPEN_MS, WATCHDOG_MS, openScreenStream } from '../src/views/screen/stream'

class FakeSource {
  static opened = []
  constructor(url) {
    this.url = url
    this.readyState = 0
    this.listeners = {}
    this.closed = false
    FakeSource.opened.push(this)
  }
  addEventListener(name, fn) {
    this.listeners[name] = fn
  }
  emit(name, data) {
    this.listeners[name]({ data: JSON.stringify(data) })
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
}

function fakeTimers() {
  let now = 0
  let next = 1
  const timers = new Map()
  return {
    setTimer: (fn, ms) => { timers.set(next, { fn, at: now + ms }); return next++ },
    clearTimer: (id) => timers.delete(id),
    advance(ms) {
      now += ms
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now && timers.has(id)) { timers.delete(id); timer.fn() }
      }
    },
    pending: () => timers.size,
  }
}

describe('the screen stream', () => {
  it('passes events on, and re-opens a silent stream with at most one source open', () => {
    FakeSource.opened = []
    const timers = fakeTimers()
    const seen = []
    const statuses = []
    const close = openScreenStream('/s', (n, d) => seen.push([n, d]), (s) => statuses.push(s),
      { EventSourceImpl: FakeSource, ...timers })
    const first = FakeSource.opened[0]
    first.onopen()
    first.emit('snapshot', { date: 'x' })
    expect(seen).toEqual([['snapshot', { date: 'x' }]])
    timers.advance(WATCHDOG_MS)
    expect(first.closed).toBe(true)
    timers.advance(REOPEN_MS)
    expect(FakeSource.opened).toHaveLength(2)
    expect(FakeSource.opened.filter((s) => !s.closed)).toHaveLength(1)
    close()
    expect(FakeSource.opened[1].closed).toBe(true)
    expect(timers.pending()).toBe(0)
    expect(statuses).toEqual(['live', 'reconnecting'])
  })

  it('stops for good when the key is revoked', () => {
    FakeSource.opened = []
    const timers = fakeTimers()
    const statuses = []
    openScreenStream('/s', () => {}, (s) => statuses.push(s), { EventSourceImpl: FakeSource, ...timers })
    FakeSource.opened[0].emit('revoked', {})
    timers.advance(10 * WATCHDOG_MS)
    expect(FakeSource.opened).toHaveLength(1)
    expect(statuses).toEqual(['revoked'])
    expect(timers.pending()).toBe(0)
  })

  it('backs off when the browser gives up (an HTTP error), instead of hammering the server', () => {
    FakeSource.opened = []
    const timers = fakeTimers()
    openScreenStream('/s', () => {}, () => {}, { EventSourceImpl: FakeSource, ...timers })
    for (let i = 0; i < 3; i += 1) {
      const source = FakeSource.opened.at(-1)
      source.readyState = 2
      source.onerror()
      timers.advance(REOPEN_MS * 2 ** i - 1)
      expect(FakeSource.opened).toHaveLength(i + 1)
      timers.advance(1)
      expect(FakeSource.opened).toHaveLength(i + 2)
    }
  })
})
