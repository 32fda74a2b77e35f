// The reader/player's clock: time on a course material counts only while
// the page is visible. On show it opens a learning session and beats every
// heartbeat_seconds; on hide it sends one last beat (the visible time since
// the previous one) and stops, so nothing is sent while hidden. Shown again,
// it opens a new session: the server never sees the hidden gap as one.
//
// createClock({start, beat, onState, timers}) -> {show, hide, state}
//   start(): Promise of the server's state (session_id, heartbeat_seconds, ...)
//   beat(sessionId, seq): Promise of the state after that beat
//   timers: {setInterval, clearInterval} (tests pass fakes)
function createClock(opts) {
  const timers = opts.timers || { setInterval: setInterval, clearInterval: clearInterval };
  const onState = opts.onState || (() => {});
  let visible = false;
  let sessionId = null;
  let seq = 0;
  let timer = null;
  let generation = 0; // a session that answers after the page hid again is dropped

  function stopTimer() {
    if (timer !== null) timers.clearInterval(timer);
    timer = null;
  }

  function send() {
    if (sessionId === null) return Promise.resolve(null);
    seq += 1;
    return opts.beat(sessionId, seq).then((state) => { onState(state); return state; }, () => null);
  }

  function show() {
    if (visible) return Promise.resolve(null);
    visible = true;
    generation += 1;
    const mine = generation;
    sessionId = null;
    seq = 0;
    return opts.start().then((state) => {
      if (!visible || mine !== generation) return null; // hidden before the server answered
      sessionId = state.session_id;
      onState(state);
      const every = Math.max(5, Number(state.heartbeat_seconds) || 15) * 1000;
      timer = timers.setInterval(() => { if (visible) send(); }, every);
      return state;
    }, () => { visible = false; return null; });
  }

  function hide() {
    if (!visible) return Promise.resolve(null);
    visible = false;
    stopTimer();
    const last = send();
    sessionId = null;
    return last;
  }

  return { show: show, hide: hide, state: () => ({ visible: visible, sessionId: sessionId, seq: seq }) };
}

// Seconds -> "3分20秒" / "45秒"
function formatSeconds(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const m = Math.floor(s / 60);
  return m ? m + '分' + (s % 60 ? (s % 60) + '秒' : '钟') : s + '秒';
}

// The progress line under a material: "已学 1分20秒 / 需 4分钟" or "已完成".
function progressText(counted, floor, completed) {
  if (completed) return '已完成';
  return '已学 ' + formatSeconds(counted) + ' / 需 ' + formatSeconds(floor);
}

module.exports = { createClock, formatSeconds, progressText };
