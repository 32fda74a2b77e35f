import { describe, expect, it } from 'vitest'
import { summarise } from '../src/api/hours'
import { pageQuery } from '../src/composables/useTable'
import { cumulativeCheckins, defaultRange } from '../src/views/events/helpers'
import { eventBody, fieldErrors } from '../src/views/events/eventForm'

describe('the pages\' logic', () => {
  it('asks the server for the page, the sort and only the filters that are set', () => {
    const state = { page: 3, pageSize: 20, sort: 'starts_at', order: 'desc', filters: { kind: 'lecture', community: null, status: '' } }
    expect(pageQuery(state)).toEqual({ limit: 20, offset: 40, sort: 'starts_at', order: 'desc', kind: 'lecture' })
  })

  it('builds an event body: blank text is null, an edit sends no kind or host', () => {
    const form = { kind: 'lecture', title: ' 党史第六讲 ', host_community_id: 3, range: ['2026-12-13T09:00:00+08:00', '2026-12-13T11:00:00+08:00'],
      venue: ' ', capacity: undefined, registration_required: true, speaker: '王老师', description: '' }
    expect(eventBody(form)).toEqual({ kind: 'lecture', host_community_id: 3, title: '党史第六讲', starts_at: form.range[0],
      ends_at: form.range[1], venue: null, capacity: null, registration_required: true, speaker: '王老师', description: null })
    expect(eventBody(form, { editing: true })).not.toHaveProperty('kind')
  })

  it('puts the API\'s Chinese field errors beside their fields', () => {
    const error = { fields: { json: { title: ['标题需为 1 到 64 个字'], ends_at: ['结束时间须晚于开始时间'] } } }
    expect(fieldErrors(error)).toEqual({ title: ['标题需为 1 到 64 个字'], ends_at: ['结束时间须晚于开始时间'] })
    expect(fieldErrors({ code: 'forbidden' })).toEqual({})
  })

  it('says how a bulk decision went, with each reason once', () => {
    const results = [{ id: 1, ok: true }, { id: 2, ok: true },
      { id: 3, ok: false, message: '该服务记录已审核' }, { id: 4, ok: false, message: '该服务记录已审核' }]
    expect(summarise(results, '通过')).toEqual({ type: 'warning', text: '2 条已通过，2 条未处理：该服务记录已审核' })
    expect(summarise(results.slice(0, 2), '通过')).toEqual({ type: 'success', text: '2 条已通过' })
  })

  it('lists the last month and the next half year by default', () => {
    expect(defaultRange(new Date(2026, 11, 2))).toEqual(['2026-11-02', '2027-05-31'])
  })

  it('draws check-ins as a running total in time order', () => {
    const items = [{ checked_in_at: '2026-12-13T09:05:00+08:00' }, { checked_in_at: null }, { checked_in_at: '2026-12-13T08:55:00+08:00' }]
    expect(cumulativeCheckins(items)).toEqual([['2026-12-13T08:55:00+08:00', 1], ['2026-12-13T09:05:00+08:00', 2]])
  })
})
