// Reading a notice and its delivery report (GET /notices/{id}/report and
// /deliveries): Chinese labels for states, skip reasons and WeChat's codes.
export const STATUS_LABELS = {
  scheduled: '定时待发', queued: '排队中', fanning_out: '准备中', sending: '发送中', done: '已完成', cancelled: '已取消',
}
export const RUNNING = ['queued', 'fanning_out', 'sending']

export const STATE_LABELS = {
  queued: '排队中', sending: '发送中', sent: '已送达', skipped: '已跳过', failed: '失败', unconfirmed: '待确认', cancelled: '已取消',
}
const STATE_TAGS = { sent: 'success', skipped: 'info', failed: 'danger', unconfirmed: 'warning', cancelled: 'info' }

export const SKIP_REASON_LABELS = { no_subscription: '未订阅该提醒', quota_spent: '订阅次数已用完', confirmed_by_quota: '按订阅次数确认已送达' }

export const ERRCODE_LABELS = {
  43101: '用户拒收或订阅已用完', 40003: '接收人无效', 47003: '内容不符合模板要求', 41030: '跳转页面不存在',
  '-1': '微信系统繁忙', 45009: '超出微信调用频率', 40001: '凭证失效', 42001: '凭证过期', interrupted: '发送中断',
}

/** Is the notice still sending (the report page keeps polling while it is)? */
export function isRunning(notice) {
  return Boolean(notice) && (RUNNING.includes(notice.status) || notice.status === 'scheduled')
}

/** [{state, label, count, tag}] for the states that have anyone, in the API's order. */
export function stateRows(counts) {
  return Object.keys(STATE_LABELS)
    .filter((state) => counts && counts[state] > 0)
    .map((state) => ({ state, label: STATE_LABELS[state], count: counts[state], tag: STATE_TAGS[state] || '' }))
}

/** "已送达 8 / 10" and the share sent, for the report's progress bar. */
export function progress(counts) {
  const total = (counts && counts.total) || 0
  const settled = total - ((counts && (counts.queued || 0) + (counts.sending || 0)) || 0)
  return { total, settled, percent: total ? Math.floor((settled * 100) / total) : 100 }
}

/** Why one recipient was not reached, in words. */
export function reasonOf(row) {
  if (row.errcode !== null && row.errcode !== undefined) return ERRCODE_LABELS[row.errcode] || `微信错误 ${row.errcode}`
  if (row.reason) return SKIP_REASON_LABELS[row.reason] || ERRCODE_LABELS[row.reason] || row.reason
  return ''
}

/** Skip reasons or failure codes ({key: n}) as [{label, count}]. */
export function breakdown(map, labels) {
  return Object.entries(map || {}).map(([key, count]) => ({ key, label: labels[key] || key, count }))
}
