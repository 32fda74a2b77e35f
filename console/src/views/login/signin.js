// The sign-in page's logic, apart from Vue so it is tested with fake timers:
// ask for a nonce (its mini-program code), poll every `interval` ms until the
// phone confirms, the person cancels or the code expires; fetch a fresh code
// by itself on expiry (at most `autoRefresh` times, then wait for a click).
//
// States: loading → waiting → scanned → done | cancelled | expired | failed
export function createSignIn({ api, onSignedIn, onChange = () => {}, interval = 2000, autoRefresh = 5,
  // Arrow functions: a browser refuses setTimeout called as a method of another object ("Illegal invocation").
  now = () => Date.now(), timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id) } }) {
  const state = { status: 'idle', qrcode: null, nonce: null, expiresAt: 0, secondsLeft: 0, refreshes: 0, message: '' }
  let timer = null
  let stopped = false
  let generation = 0

  function change(patch) {
    Object.assign(state, patch)
    onChange({ ...state })
  }

  function schedule() {
    timers.clear(timer)
    if (!stopped) timer = timers.set(tick, interval)
  }

  async function fresh({ byHand = false } = {}) {
    const mine = ++generation
    if (byHand) state.refreshes = 0
    change({ status: 'loading', message: '' })
    try {
      const answer = await api.newNonce()
      if (mine !== generation || stopped) return
      change({
        status: 'waiting',
        qrcode: answer.qrcode,
        nonce: answer.nonce,
        expiresAt: now() + answer.expires_in * 1000,
        secondsLeft: answer.expires_in,
      })
      schedule()
    } catch (error) {
      if (mine === generation) change({ status: 'failed', message: error.message || '获取登录二维码失败' })
    }
  }

  function expire() {
    if (state.refreshes < autoRefresh) {
      state.refreshes += 1
      return fresh()
    }
    timers.clear(timer)
    change({ status: 'expired', secondsLeft: 0 })
  }

  async function tick() {
    if (stopped || !state.nonce) return
    const left = Math.max(0, Math.ceil((state.expiresAt - now()) / 1000))
    if (left === 0) return expire()
    const mine = generation
    let answer
    try {
      answer = await api.poll(state.nonce)
    } catch {
      answer = null // a network blip or a 5xx: try again at the next tick
    }
    if (mine !== generation || stopped) return
    if (answer && answer.status === 'confirmed') {
      stopped = true
      change({ status: 'done', secondsLeft: 0 })
      return onSignedIn(answer.token, answer)
    }
    if (answer && answer.status === 'expired') return expire()
    if (answer && answer.status === 'cancelled') {
      timers.clear(timer)
      return change({ status: 'cancelled', secondsLeft: 0, message: '已在手机上取消登录' })
    }
    change({ status: answer && answer.status === 'scanned' ? 'scanned' : state.status, secondsLeft: left })
    schedule()
  }

  return {
    state,
    start: () => {
      stopped = false
      return fresh()
    },
    refresh: () => {
      stopped = false
      return fresh({ byHand: true })
    },
    stop: () => {
      stopped = true
      timers.clear(timer)
    },
    tick,
  }
}
