import { describe, expect, it } from 'vitest'
import { apiFieldProblems, composeBody, previewRows } from '../src/views/notices/compose'
import { audienceOf, scheduleProblem, sendsNow } from '../src/views/notices/audience'
import { isRunning, progress, reasonOf, stateRows } from '../src/views/notices/report'

const REMINDER = {
  id: 'T1', title: '活动开始提醒',
  fields: [
    { key: 'thing1', type: 'thing', label: '活动名称', max_length: 20 },
    { key: 'time2', type: 'time', label: '活动时间', max_length: null },
  ],
}
const NOW = new Date('2026-12-02T08:00:00+08:00')

describe('composing a notice', () => {
  it('previews each field as sent, with the reason it would be refused', () => {
    const rows = previewRows(REMINDER, { thing1: '共享党课', time2: '25:00' })
    expect(rows.map((r) => [r.label, r.shown, r.problem])).toEqual([
      ['活动名称', '共享党课', null],
      ['活动时间', '25:00', '「活动时间」时间格式应为“15:01”或“2026年5月10日 15:01”，区间用“~”连接'],
    ])
    expect(rows[0].counter).toBe('4/20')
  })

  it('does not flag an empty field while typing, but refuses to send it', () => {
    expect(previewRows(REMINDER, {})[0].problem).toBeNull()
    const { problems } = composeBody({ template: REMINDER, values: { thing1: '共享党课' }, audience: { kind: 'team', team_id: 4 } }, NOW)
    expect(problems).toEqual({ time2: '「活动时间」不能为空' })
  })

  it('builds the body the API takes, scheduled or now', () => {
    const input = {
      template: REMINDER, values: { thing1: ' 共享党课 ', time2: '2026年12月13日 09:00' },
      audience: { kind: 'community', community_id: '3' }, page: 'pages/index/index',
    }
    const now = composeBody(input, NOW)
    expect(now.problems).toEqual({})
    expect(now.body).toEqual({ template_id: 'T1', values: { thing1: '共享党课', time2: '2026年12月13日 09:00' },
      shorten: false, audience: { kind: 'community', community_id: 3 }, page: 'pages/index/index' })
    const later = composeBody({ ...input, sendAt: '2026-12-05T09:00:00+08:00' }, NOW)
    expect(later.body.send_at).toBe('2026-12-05T01:00:00.000Z')
    const tooFar = composeBody({ ...input, sendAt: '2027-02-01T09:00:00+08:00' }, NOW)
    expect(tooFar.problems.send_at).toBe('定时发送的时间须在 30 天以内')
  })

  it('reads the API\'s field errors from a 422', () => {
    const error = { fields: { fields: { thing1: '「活动名称」最多 20 个字（现在 21 个字）' } } }
    expect(apiFieldProblems(error)).toEqual({ thing1: '「活动名称」最多 20 个字（现在 21 个字）' })
    expect(apiFieldProblems({ fields: { json: { values: { thing1: ['长度不能超过 200'] } } } })).toEqual({ thing1: '长度不能超过 200' })
    expect(apiFieldProblems(null)).toEqual({})
  })
})

describe('the audience and the schedule', () => {
  it('needs the one id its kind names', () => {
    expect(audienceOf({ kind: 'team' })).toEqual({ problem: '请选择队伍' })
    expect(audienceOf({ kind: 'event_attendees', event_id: 9 })).toEqual({ audience: { kind: 'event_attendees', event_id: 9 } })
    expect(audienceOf({ kind: 'users', user_ids: [3, '3', 5] })).toEqual({ audience: { kind: 'users', user_ids: [3, 5] } })
    expect(audienceOf({ kind: 'users', user_ids: Array.from({ length: 1001 }, (_, i) => i + 1) }).problem).toBe('一次最多选择 1000 人')
    expect(audienceOf({}).problem).toBe('请选择发送对象')
  })

  it('treats a past time as now, as the API does', () => {
    expect(sendsNow('2026-12-01T09:00:00+08:00', NOW)).toBe(true)
    expect(sendsNow(null, NOW)).toBe(true)
    expect(sendsNow('2026-12-03T09:00:00+08:00', NOW)).toBe(false)
    expect(scheduleProblem('2026-12-01T09:00:00+08:00', NOW)).toBeNull()
  })
})

describe('the delivery report', () => {
  const counts = { total: 10, queued: 2, sending: 0, sent: 6, skipped: 2, failed: 0, unconfirmed: 0, cancelled: 0 }

  it('lists the states that have anyone, with progress', () => {
    expect(stateRows(counts).map((r) => [r.label, r.count])).toEqual([['排队中', 2], ['已送达', 6], ['已跳过', 2]])
    expect(progress(counts)).toEqual({ total: 10, settled: 8, percent: 80 })
    expect(progress({ total: 0 }).percent).toBe(100)
  })

  it('says why someone was not reached', () => {
    expect(reasonOf({ reason: 'no_subscription' })).toBe('未订阅该提醒')
    expect(reasonOf({ errcode: 43101 })).toBe('用户拒收或订阅已用完')
    expect(reasonOf({ errcode: 12345 })).toBe('微信错误 12345')
  })

  it('keeps polling while a notice is scheduled or sending', () => {
    expect(isRunning({ status: 'sending' })).toBe(true)
    expect(isRunning({ status: 'done' })).toBe(false)
  })
})
