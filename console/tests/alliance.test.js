import { describe, expect, it, vi } from 'vitest'
import {
  dispatchBody, dutyActions, mayDispatch, scoreParts, spokenUnitIds, staffActions, unitsHolding,
} from '../src/views/needs/dispatch'
import {
  closeBody, pollRollCall, responseText, rollCallHeadline, rollCallRows, whistleBody,
} from '../src/views/whistles/rollCall'
import { editableFields, profileChanges } from '../src/views/units/unitForm'
import { rankingChart, reportCards } from '../src/views/units/report'

const NOW = new Date('2026-12-02T02:00:00Z')
const suggestion = (id, name) => ({ unit: { id, name }, score: 80, parts: { match: 40, distance: 12.46, load: 10, rating: 9 }, reasons: [] })

describe('派单: choosing units and deadlines', () => {
  it('sends each chosen unit once, with deadlines as ISO instants', () => {
    const { body, error } = dispatchBody([suggestion(3, '下沙供电所'), suggestion(3, '下沙供电所'), suggestion(5, '下沙中学')],
      { acceptBy: '2026-12-03T02:00:00Z', dueBy: new Date('2026-12-05T02:00:00Z'), note: '  请尽快上门 ' }, NOW)
    expect(error).toBeUndefined()
    expect(body).toEqual({ unit_ids: [3, 5], accept_by: '2026-12-03T02:00:00.000Z', due_by: '2026-12-05T02:00:00.000Z', note: '请尽快上门' })
  })

  it('leaves the deadlines to the API when none are set', () => {
    expect(dispatchBody([7], {}, NOW)).toEqual({ body: { unit_ids: [7] } })
  })

  it('refuses nothing chosen, deadlines in the past and a due date before the acceptance deadline', () => {
    expect(dispatchBody([], {}, NOW).error).toBe('请至少选择一个承办单位')
    expect(dispatchBody([1], { acceptBy: '2026-12-01T00:00:00Z' }, NOW).error).toBe('接单期限须晚于现在')
    expect(dispatchBody([1], { dueBy: '2026-12-01T00:00:00Z' }, NOW).error).toBe('办结期限须晚于现在')
    expect(dispatchBody([1], { acceptBy: '2026-12-04T00:00:00Z', dueBy: '2026-12-03T00:00:00Z' }, NOW).error)
      .toBe('办结期限不能早于接单期限')
  })

  it('shows the score parts with their maxima, and knows which units already hold the need', () => {
    expect(scoreParts(suggestion(1, 'x')).map((p) => [p.label, p.points, p.max])).toEqual(
      [['资源匹配', 40, 40], ['距离', 12.5, 25], ['当前任务', 10, 20], ['历史评价', 9, 15]])
    const need = { duties: [{ status: 'offered', unit: { id: 1 } }, { status: 'declined', unit: { id: 2 } }] }
    expect([...unitsHolding(need)]).toEqual([1])
  })

  it('offers each side only the moves the state machine allows', () => {
    expect(dutyActions({ status: 'offered' })).toEqual(['accept', 'decline'])
    expect(dutyActions({ status: 'accepted' })).toEqual(['progress', 'done'])
    expect(dutyActions({ status: 'done' })).toEqual([])
    expect(staffActions({ status: 'claimed' })).toEqual(['confirm', 'refuse'])
    expect(staffActions({ status: 'accepted' })).toEqual(['withdraw'])
    expect(staffActions({ status: 'closed' })).toEqual([])
  })

  it('reads the units a person speaks for and whether they may dispatch from /me', () => {
    const roles = [{ role: 'unit_contact', scope_kind: 'member_unit', scope_id: 4 },
      { role: 'organiser', scope_kind: 'member_unit', scope_id: 4 }, { role: 'organiser', scope_kind: 'member_unit', scope_id: 9 }]
    expect(spokenUnitIds(roles)).toEqual([4, 9])
    expect(mayDispatch(roles)).toBe(false)
    expect(mayDispatch([{ role: 'organiser', scope_kind: 'community', scope_id: 1 }])).toBe(true)
    expect(mayDispatch([{ role: 'admin', scope_kind: 'subdistrict', scope_id: null }])).toBe(true)
  })
})

describe('the live roll call', () => {
  const rollCall = {
    status: 'open',
    totals: { units: 4, reported: 2 },
    units: [
      { unit: { name: '乙单位' }, reported: true, response_minutes: 30 },
      { unit: { name: '甲单位' }, reported: false, response_minutes: null },
      { unit: { name: '丙单位' }, reported: true, response_minutes: 5 },
      { unit: { name: '丁单位' }, reported: false, response_minutes: null },
    ],
  }

  it('puts who has not reported first, then the fastest', () => {
    expect(rollCallRows(rollCall).map((r) => r.unit.name)).toEqual(['丁单位', '甲单位', '丙单位', '乙单位'])
    expect(rollCallHeadline(rollCall)).toBe('2 / 4 个单位已报到（50%）')
    expect(rollCallHeadline(null)).toBe('0 / 0 个单位已报到（0%）')
    expect([responseText(null), responseText(5), responseText(75)]).toEqual(['未报到', '5 分钟', '1 小时 15 分钟'])
  })

  it('polls while the whistle is open, survives a failed call and stops once it is closed', async () => {
    vi.useFakeTimers()
    const answers = [() => rollCall, () => { throw new Error('offline') }, () => ({ ...rollCall, status: 'closed' })]
    const fetch = vi.fn(async () => answers.shift()())
    const seen = []
    const poller = pollRollCall(fetch, (a) => seen.push(a.status), { seconds: 5 })
    await vi.advanceTimersByTimeAsync(0)
    expect(seen).toEqual(['open'])
    await vi.advanceTimersByTimeAsync(5000) // the failed call
    await vi.advanceTimersByTimeAsync(5000)
    expect(seen).toEqual(['open', 'closed'])
    expect(poller.running).toBe(false)
    await vi.advanceTimersByTimeAsync(20000)
    expect(fetch).toHaveBeenCalledTimes(3)
    vi.useRealTimers()
  })

  it('drops an answer that arrives after the page stopped polling', async () => {
    let answer
    const fetch = () => new Promise((resolve) => { answer = resolve })
    const seen = []
    const poller = pollRollCall(fetch, (a) => seen.push(a))
    poller.stop()
    answer(rollCall)
    await Promise.resolve()
    expect(seen).toEqual([])
  })

  it('builds the raise and the close requests, refusing what the API would', () => {
    const form = { community_id: 1, title: ' 暴雨后积水清理 ', place: '七格社区3号楼', hours: 3, to_all_units: true, unit_ids: [9] }
    expect(whistleBody(form, NOW).body).toEqual({ community_id: 1, title: '暴雨后积水清理', place: '七格社区3号楼',
      needed_by: '2026-12-02T05:00:00.000Z', to_all_units: true, unit_ids: [] })
    expect(whistleBody({ ...form, to_all_units: false, unit_ids: [] }, NOW).error).toBe('请选择至少一个单位，或吹哨给全体共建单位')
    expect(whistleBody({ ...form, hours: 80 }, NOW).error).toBe('到场时间须在 1 到 72 小时内')
    expect(closeBody(' ', []).error).toBe('请填写 2 字以上的总结')
    expect(closeBody('积水已排净', [{ title: '' }, { title: '加固挡水板', kind: 'goods' }]).body).toEqual(
      { summary: '积水已排净', needs: [{ title: '加固挡水板', kind: 'goods', urgency: 'normal' }] })
  })
})

describe('units: profile edits, report cards and the ranking chart', () => {
  const unit = { name: '下沙中学', kind: 'school', community: { id: 2 }, address: '旧地址', introduction: null, can_edit_profile: true }

  it('lets a unit contact change only the profile, and sends only what changed', () => {
    expect(editableFields(unit, false)).toEqual(['introduction', 'address', 'latitude', 'longitude', 'party_org_name'])
    expect(editableFields({ ...unit, can_edit_profile: false }, false)).toEqual([])
    expect(editableFields(unit, true)).toContain('name')
    const form = { name: '改名', address: '新地址', introduction: '', community_id: 2 }
    expect(profileChanges(unit, form, editableFields(unit, false))).toEqual({ address: '新地址' })
    expect(profileChanges(unit, { ...form, community_id: 3 }, editableFields(unit, true))).toEqual(
      expect.objectContaining({ name: '改名', community_id: 3 }))
  })

  it('shows the yearly report as cards and the ranking best first at the top of the chart', () => {
    const cards = reportCards({ duties: { accepted: 5, done: 4, on_time: 3, on_time_rate: 0.75, rated: 2, average_rating: 4.5 },
      whistles: { addressed: 2, reported: 1, response_rate: 0.5, average_response_minutes: 12 }, projects: { total: 3, done: 1, mandatory: 1, optional: 2 },
      events_hosted: 6, volunteer_hours: 40.5, points: 120 })
    expect(cards.find((c) => c.label === '办结')).toEqual({ label: '办结', value: 4, hint: '按时 3 件（75%）' })
    expect(cards.find((c) => c.label === '群众评价').value).toBe('4.5 星')
    const option = rankingChart([{ unit: { name: '甲' }, points: 90 }, { unit: { name: '乙' }, points: 50 }])
    expect(option.yAxis.data).toEqual(['乙', '甲'])
    expect(option.series[0].data).toEqual([50, 90])
  })
})
