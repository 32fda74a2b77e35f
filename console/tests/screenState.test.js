import { describe, expect, it } from 'vitest'
import { RECENT_LIMIT, applyCheckin, initialState, reduce } from '../src/views/screen/screenState'
import { figureParts } from '../src/views/screen/figureParts'
import { BACKGROUND, PANEL, TEXT_COLOURS, contrast } from '../src/views/screen/palette'

const snapshot = (date = '2026-12-02', extra = {}) => ({
  date,
  generated_at: `${date}T09:00:00+08:00`,
  communities: [
    { id: 1, name: '铭和社区', checkins_today: 3, checkins_month: 30 },
    { id: 2, name: '柠檬社区', checkins_today: 0, checkins_month: 5 },
  ],
  checkins: { today: 4, month: 40 },
  events_today: [{ id: 7, title: '共享党课', community_id: 1, checked_in: 3 }],
  hours: { year: 2026, hours: 1200.5, volunteers: 80 },
  top_squads: [{ rank: 1, id: 9, name: '铭和社区党员中队', hours: 300 }],
  figures: [],
  ...extra,
})

describe('the screen reducer', () => {
  it('counts a check-in at once for its community, its event and the totals', () => {
    let state = reduce(initialState(), 'snapshot', snapshot())
    state = reduce(state, 'checkin', { event_id: 7, community_id: 1, at: '2026-12-02T09:01:00+08:00' })
    expect(state.communities[0]).toMatchObject({ checkins_today: 4, checkins_month: 31 })
    expect(state.communities[1]).toMatchObject({ checkins_today: 0, checkins_month: 5 })
    expect(state.events[0].checked_in).toBe(4)
    expect(state.totals).toEqual({ today: 5, month: 41 })
    expect(state.recent[0]).toEqual({ at: '2026-12-02T09:01:00+08:00', title: '共享党课', place: '铭和社区' })
  })

  it('a snapshot replaces the counts (drift is corrected) and keeps today’s recent check-ins', () => {
    let state = reduce(initialState(), 'snapshot', snapshot())
    state = reduce(state, 'checkin', { event_id: 7, community_id: 1, at: '2026-12-02T09:01:00+08:00' })
    state = reduce(state, 'snapshot', snapshot('2026-12-02', { checkins: { today: 9, month: 45 } }))
    expect(state.totals).toEqual({ today: 9, month: 45 })
    expect(state.recent).toHaveLength(1)
    state = reduce(state, 'snapshot', snapshot('2026-12-03'))
    expect(state.recent).toHaveLength(0)
  })

  it('starts today from zero after midnight, before the next snapshot arrives', () => {
    let state = reduce(initialState(), 'snapshot', snapshot('2026-12-31'))
    state = reduce(state, 'checkin', { event_id: 99, community_id: 2, at: '2027-01-01T00:05:00+08:00' })
    expect(state.date).toBe('2027-01-01')
    expect(state.totals).toEqual({ today: 1, month: 1 })
    expect(state.communities.map((c) => c.checkins_today)).toEqual([0, 1])
  })

  it('stays the same size over a day of check-ins and snapshots', () => {
    let state = reduce(initialState(), 'snapshot', snapshot())
    const sizeAfterFirstHour = []
    for (let minute = 0; minute < 24 * 60; minute += 1) {
      for (let i = 0; i < 50; i += 1) {
        state = reduce(state, 'checkin', { event_id: 7 + (i % 3), community_id: 1 + (i % 3), at: '2026-12-02T10:00:00+08:00' })
      }
      state = reduce(state, "snapshot", snapshot())
      state = reduce(state, 'checkin', { event_id: 7, community_id: 1, at: '2026-12-02T10:00:00+08:00' })
      if (minute === 60) sizeAfterFirstHour.push(JSON.stringify(state).length)
    }
    expect(state.recent.length).toBe(RECENT_LIMIT)
    expect(state.communities).toHaveLength(2)
    expect(state.events).toHaveLength(1)
    // The serialised state at the end of the day is no larger than after the first hour (±counter digits).
    expect(JSON.stringify(state).length).toBeLessThan(sizeAfterFirstHour[0] + 64)
  })

  it('marks a revoked display key and ignores events it does not know', () => {
    const state = reduce(initialState(), 'snapshot', snapshot())
    expect(reduce(state, 'bye', {})).toBe(state)
    expect(reduce(state, 'revoked', {}).revoked).toBe(true)
  })

  it('a check-in for an event or community not on the screen still counts in the totals', () => {
    let state = reduce(initialState(), 'snapshot', snapshot())
    state = applyCheckin(state, { event_id: 123, community_id: null, at: '2026-12-02T11:00:00+08:00' })
    expect(state.totals.today).toBe(5)
    expect(state.recent[0]).toMatchObject({ title: '', place: '街道' })
  })
})

describe('the screen palette', () => {
  it('keeps every text colour at a contrast of 4.5 or more on the background and the panels', () => {
    for (const [name, colour] of Object.entries(TEXT_COLOURS)) {
      expect(contrast(colour, BACKGROUND), name).toBeGreaterThanOrEqual(4.5)
      expect(contrast(colour, PANEL), name).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('computes the WCAG ratio (black on white is 21)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
  })
})

describe('other areas\' figure cards per community', () => {
  it('lists every community that counted, most first, by name', () => {
    const communities = [{ id: 1, name: '智格社区' }, { id: 2, name: '七格社区' }, { id: 3, name: '元成社区' }]
    const figure = { name: 'needs_done_month', value: 5, by_community: { 1: 1, 2: 3, 3: 0, 99: 1 } }
    expect(figureParts(figure, communities)).toEqual([
      { id: '2', name: '七格社区', count: 3 }, { id: '1', name: '智格社区', count: 1 }])
    expect(figureParts({ value: 0 }, communities)).toEqual([])
  })
})
