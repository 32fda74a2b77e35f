// The 数据大屏's state and the one reducer every server-sent event goes
// through. Pure functions (no Vue, no DOM), so Vitest proves the screen can
// run for a day: arrays come from the latest snapshot (replaced, never
// appended) or are capped (the recent check-ins), and counters are numbers.

export const RECENT_LIMIT = 8

export function initialState() {
  return {
    date: null, // today in Beijing time, 'YYYY-MM-DD'
    generatedAt: null,
    communities: [], // [{id, name, latitude, longitude, checkins_today, checkins_month}]
    totals: { today: 0, month: 0 },
    events: [], // today's events [{id, title, venue, starts_at, community_id, checked_in, ...}]
    hours: { year: null, hours: 0, volunteers: 0 },
    squads: [],
    figures: [], // other areas' figure cards
    recent: [], // the newest check-ins first, at most RECENT_LIMIT
    revoked: false,
  }
}

/** A whole snapshot replaces what it covers; the recent check-ins stay. */
export function applySnapshot(state, snapshot) {
  return {
    ...state,
    date: snapshot.date,
    generatedAt: snapshot.generated_at,
    communities: snapshot.communities || [],
    totals: { today: snapshot.checkins?.today ?? 0, month: snapshot.checkins?.month ?? 0 },
    events: snapshot.events_today || [],
    hours: snapshot.hours || initialState().hours,
    squads: snapshot.top_squads || [],
    figures: snapshot.figures || [],
    recent: state.recent.filter((c) => c.at && c.at.slice(0, 10) === snapshot.date),
  }
}

/** One new check-in ({event_id, community_id, at}): counts go up at once. */
export function applyCheckin(state, checkin) {
  const day = checkin.at ? checkin.at.slice(0, 10) : state.date
  let { communities, totals, date } = state
  if (state.date && day > state.date) {
    // Past midnight before the next snapshot: today starts from zero (and the month, on the 1st).
    const newMonth = day.slice(0, 7) !== state.date.slice(0, 7)
    communities = communities.map((c) => ({ ...c, checkins_today: 0, checkins_month: newMonth ? 0 : c.checkins_month }))
    totals = { today: 0, month: newMonth ? 0 : totals.month }
    date = day
  }
  communities = communities.map((c) =>
    c.id === checkin.community_id
      ? { ...c, checkins_today: c.checkins_today + 1, checkins_month: c.checkins_month + 1 }
      : c,
  )
  const events = state.events.map((e) => (e.id === checkin.event_id ? { ...e, checked_in: e.checked_in + 1 } : e))
  const event = state.events.find((e) => e.id === checkin.event_id)
  const community = communities.find((c) => c.id === checkin.community_id)
  const entry = {
    at: checkin.at,
    title: event ? event.title : '',
    place: community ? community.name : '街道',
  }
  return {
    ...state,
    date,
    communities,
    events,
    totals: { today: totals.today + 1, month: totals.month + 1 },
    recent: [entry, ...state.recent].slice(0, RECENT_LIMIT),
  }
}

/** The reducer the stream feeds: (state, event name, data) → state. */
export function reduce(state, name, data) {
  if (name === 'snapshot') return applySnapshot(state, data)
  if (name === 'checkin') return applyCheckin(state, data)
  if (name === 'revoked') return { ...state, revoked: true }
  return state
}
