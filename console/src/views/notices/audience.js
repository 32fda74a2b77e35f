// Who a notice goes to: the audience kinds of app/notices/audience.py, the
// one id each needs, and the body's `audience` built from the picker's form.
export const AUDIENCE_KINDS = [
  { value: 'team', label: '志愿者队伍（含下属中队）', needs: 'team_id' },
  { value: 'community', label: '社区居民与志愿者', needs: 'community_id' },
  { value: 'event_registrants', label: '活动报名者', needs: 'event_id' },
  { value: 'event_attendees', label: '活动签到者', needs: 'event_id' },
  { value: 'users', label: '选定的人', needs: 'user_ids' },
]
// The server takes at most this many chosen people in one notice.
export const MAX_CHOSEN = 1000

const NEEDS_LABEL = { team_id: '请选择队伍', community_id: '请选择社区', event_id: '请选择活动', user_ids: '请选择接收人' }

/** form: {kind, team_id, community_id, event_id, user_ids} -> {audience} or {problem}. */
export function audienceOf(form) {
  const kind = AUDIENCE_KINDS.find((k) => k.value === form.kind)
  if (!kind) return { problem: '请选择发送对象' }
  const value = form[kind.needs]
  if (kind.needs === 'user_ids') {
    const ids = [...new Set((value || []).map(Number).filter((n) => Number.isInteger(n) && n > 0))]
    if (ids.length === 0) return { problem: NEEDS_LABEL.user_ids }
    if (ids.length > MAX_CHOSEN) return { problem: `一次最多选择 ${MAX_CHOSEN} 人` }
    return { audience: { kind: kind.value, user_ids: ids } }
  }
  if (!value) return { problem: NEEDS_LABEL[kind.needs] }
  return { audience: { kind: kind.value, [kind.needs]: Number(value) } }
}

const DAY = 24 * 3600 * 1000

/** The API's rule for `send_at`: empty or past sends now; at most 30 days ahead. */
export function scheduleProblem(sendAt, now = new Date()) {
  if (!sendAt) return null
  const at = new Date(sendAt)
  if (Number.isNaN(at.getTime())) return '请选择发送时间'
  return at.getTime() > now.getTime() + 30 * DAY ? '定时发送的时间须在 30 天以内' : null
}

/** Does this `send_at` mean "now" to the API (empty, past, or within 5 seconds)? */
export function sendsNow(sendAt, now = new Date()) {
  if (!sendAt) return true
  return new Date(sendAt).getTime() <= now.getTime() + 5000
}
