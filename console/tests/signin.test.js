import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSignIn } from '../src/views/login/signin'

const flush = () => vi.advanceTimersByTimeAsync(0)

function fakeApi(polls) {
  let n = 0
  return {
    newNonce: vi.fn(async () => ({ nonce: `n${++n}`, qrcode: `data:image/png;base64,${n}`, expires_in: 120 })),
    poll: vi.fn(async () => {
      const next = polls.shift()
      if (next instanceof Error) throw next
      return next || { status: 'pending' }
    }),
  }
}

describe('sign-in by scanning', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function start(api, options = {}) {
    const onSignedIn = vi.fn()
    const states = []
    const flow = createSignIn({ api, onSignedIn, onChange: (s) => states.push(s.status), now: () => Date.now(), ...options })
    return { flow, onSignedIn, states }
  }

  it('polls until the phone confirms, then signs in once and stops', async () => {
    const api = fakeApi([{ status: 'pending' }, { status: 'scanned' }, { status: 'confirmed', token: 'T' }])
    const { flow, onSignedIn, states } = start(api)
    await flow.start()
    await vi.advanceTimersByTimeAsync(2000 * 3)
    expect(onSignedIn).toHaveBeenCalledWith('T', { status: 'confirmed', token: 'T' })
    expect(states).toContain('scanned')
    expect(flow.state.status).toBe('done')
    await vi.advanceTimersByTimeAsync(20000)
    expect(api.poll).toHaveBeenCalledTimes(3)
    expect(api.poll).toHaveBeenCalledWith('n1')
  })

  it('keeps polling through a network blip', async () => {
    const api = fakeApi([new Error('offline'), { status: 'confirmed', token: 'T' }])
    const { flow, onSignedIn } = start(api)
    await flow.start()
    await vi.advanceTimersByTimeAsync(4000)
    expect(onSignedIn).toHaveBeenCalledTimes(1)
  })

  it('fetches a fresh code by itself when one expires, then waits for a click', async () => {
    const api = fakeApi([])
    const { flow } = start(api, { autoRefresh: 1 })
    await flow.start()
    await vi.advanceTimersByTimeAsync(122000)
    expect(api.newNonce).toHaveBeenCalledTimes(2)
    expect(flow.state.nonce).toBe('n2')
    await vi.advanceTimersByTimeAsync(122000)
    expect(flow.state.status).toBe('expired')
    const polls = api.poll.mock.calls.length
    await vi.advanceTimersByTimeAsync(10000)
    expect(api.poll.mock.calls.length).toBe(polls)
    await flow.refresh()
    await flush()
    expect(flow.state.status).toBe('waiting')
    expect(flow.state.nonce).toBe('n3')
  })

  it('treats the server saying "expired" like the countdown ending', async () => {
    const api = fakeApi([{ status: 'expired' }])
    const { flow } = start(api, { autoRefresh: 0 })
    await flow.start()
    await vi.advanceTimersByTimeAsync(2000)
    expect(flow.state.status).toBe('expired')
  })

  it('stops and says so when the person cancels on the phone', async () => {
    const api = fakeApi([{ status: 'scanned' }, { status: 'cancelled' }])
    const { flow, onSignedIn } = start(api)
    await flow.start()
    await vi.advanceTimersByTimeAsync(4000)
    expect(flow.state.status).toBe('cancelled')
    await vi.advanceTimersByTimeAsync(10000)
    expect(api.poll).toHaveBeenCalledTimes(2)
    expect(onSignedIn).not.toHaveBeenCalled()
  })

  it('calls the timers unbound, as a browser requires', async () => {
    const api = fakeApi([{ status: 'confirmed', token: 'T' }])
    const real = globalThis.setTimeout
    const calls = []
    const strict = function (fn, ms) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation')
      calls.push(ms)
      return real(fn, ms)
    }
    vi.stubGlobal('setTimeout', strict)
    try {
      const { flow, onSignedIn } = start(api)
      await flow.start()
      expect(calls).toEqual([2000])
      expect(flow.state.status).toBe('waiting')
      flow.stop()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('counts down the seconds left', async () => {
    const api = fakeApi([])
    const { flow } = start(api)
    await flow.start()
    await vi.advanceTimersByTimeAsync(10000)
    expect(flow.state.secondsLeft).toBe(110)
  })
})
