// The logic of 派单 (dispatch) and the 履职清单, kept out of the .vue files so
// Vitest can hold it to what a dispatcher sees.

/** The units this person speaks for (unit_contact or organiser over a member unit), from /me's roles[]. */
export function spokenUnitIds(roles) {
  const ids = (roles || [])
    .filter((r) => (r.role === 'unit_contact' || r.role === 'organiser') && r.scope_kind === 'member_unit')
    .map((r) => r.scope_id)
  return [...new Set(ids)]
}

/** May this person dispatch at all (community staff or the office)? The API decides per need. */
export function mayDispatch(roles) {
  return (roles || []).some((r) => r.role === 'admin' || (r.role === 'organiser' && r.scope_kind === 'community'))
}

export const SCORE_PARTS = [
  { key: 'match', label: '资源匹配', max: 40 },
  { key: 'distance', label: '距离', max: 25 },
  { key: 'load', label: '当前任务', max: 20 },
  { key: 'rating', label: '历史评价', max: 15 },
]

/** A suggestion's score parts as rows for the table: label, points, the part's maximum. */
export function scoreParts(suggestion) {
  const parts = suggestion.parts || {}
  return SCORE_PARTS.filter((p) => p.key in parts).map((p) => ({ ...p, points: Math.round(parts[p.key] * 10) / 10 }))
}

/** The units a need already has live duties with: they cannot be dispatched to again. */
export function unitsHolding(need) {
  return new Set((need.duties || []).filter((d) => !['declined', 'withdrawn'].includes(d.status)).map((d) => d.unit.id))
}

/**
 * The dispatch request for the chosen units, or {error} in Chinese.
 * acceptBy/dueBy are Date objects or ISO strings (or empty); the API reads ISO instants.
 */
export function dispatchBody(chosen, { acceptBy, dueBy, note } = {}, now = new Date()) {
  const unitIds = [...new Set((chosen || []).map((c) => (typeof c === 'object' ? c.unit.id : c)))]
  if (unitIds.length === 0) return { error: '请至少选择一个承办单位' }
  const accept = acceptBy ? new Date(acceptBy) : null
  const due = dueBy ? new Date(dueBy) : null
  if (accept && accept <= now) return { error: '接单期限须晚于现在' }
  if (due && due <= now) return { error: '办结期限须晚于现在' }
  if (accept && due && due < accept) return { error: '办结期限不能早于接单期限' }
  const body = { unit_ids: unitIds }
  if (accept) body.accept_by = accept.toISOString()
  if (due) body.due_by = due.toISOString()
  if (note && note.trim()) body.note = note.trim()
  return { body }
}

/** What a unit may do with its duty now (the buttons of the 履职清单), as the API's state machine allows. */
export function dutyActions(duty) {
  switch (duty.status) {
    case 'offered': return ['accept', 'decline']
    case 'accepted': return ['progress', 'done']
    default: return []
  }
}

/** What the community may do with a duty: confirm or refuse a claim, withdraw a dispatch. */
export function staffActions(duty) {
  if (duty.status === 'claimed') return ['confirm', 'refuse']
  if (duty.status === 'offered' || duty.status === 'accepted') return ['withdraw']
  return []
}

export const ACTION_LABELS = {
  accept: '接单', decline: '拒单', progress: '进展', done: '办结', confirm: '确认抢单', refuse: '拒绝抢单', withdraw: '撤回',
}
