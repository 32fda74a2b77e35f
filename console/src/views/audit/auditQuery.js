// The audit trail's filters as GET /admin/audit's query, and its rows in words.
export const ACTION_FAMILIES = [
  { value: 'grant.', label: '授权变更' },
  { value: 'admin.', label: '管理员设置' },
  { value: 'team.', label: '队伍调整' },
  { value: 'volunteer.', label: '志愿者审核与调动' },
  { value: 'checkin.', label: '签到管理' },
  { value: 'user.', label: '账号注销' },
  { value: 'event.', label: '活动管理' },
  { value: 'hours.', label: '工时审核' },
  { value: 'notice.', label: '通知推送' },
  { value: 'certificate.', label: '证明开具' },
]

/** filters {actorId, action, range: [from, to] as YYYY-MM-DD} -> query params. */
export function auditQuery(filters) {
  const query = {}
  if (filters.actorId) query.actor_id = filters.actorId
  if (filters.action && filters.action.trim()) query.action = filters.action.trim()
  if (filters.targetType) query.target_type = filters.targetType
  const [from, to] = filters.range || []
  if (from) query.from = from
  if (to) query.to = to
  return query
}

/** Who acted: the person's name, else the shell command's label, else their id. */
export function actorText(row) {
  if (row.actor_name) return row.actor_name
  if (row.actor_id) return `用户 #${row.actor_id}`
  return row.actor_label === 'cli' ? '命令行' : row.actor_label || '系统'
}

/** "users #12" -> what was acted on. */
export function targetText(row) {
  return row.target_type ? `${row.target_type} #${row.target_id}` : ''
}

/** The detail object in one line ("role=organiser, scope_id=3"). */
export function detailText(detail) {
  return Object.entries(detail || {}).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ')
}
