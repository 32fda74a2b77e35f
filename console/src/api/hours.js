// Service hours: the review queue, bulk decisions, corrections and the 志愿浙江 export (app/hours).
import { api } from './client'
import { download } from './download'

export const STATUS_LABELS = {
  pending: '待审核', missing_checkout: '缺少签退', approved: '已认定', rejected: '不予认定',
}

export const hoursApi = {
  /** {items, total}: waiting records across the events I manage (status, event_id, community filters). */
  queue: (query) => api.get('/hours/records', query),
  /** {results: [{id, ok, status, code?, message?}]} */
  bulk: (action, recordIds, reason) => api.post('/hours/records/bulk', { action, record_ids: recordIds, reason }),
  settle: (id, body) => api.post(`/hours/records/${id}/settle`, body),
  correct: (id, hours, reason) => api.post(`/hours/records/${id}/corrections`, { hours, reason }),
  ledger: (id) => api.get(`/hours/records/${id}/ledger`),
  exportXlsx: (from, to) => download('/hours/export.xlsx', { from, to }, `hours-${from}-${to}.xlsx`),
}

/** "3 条已通过，1 条未处理：…" from a bulk answer, for one message. */
export function summarise(results, verb) {
  const done = results.filter((r) => r.ok).length
  const failed = results.filter((r) => !r.ok)
  if (failed.length === 0) return { type: 'success', text: `${done} 条已${verb}` }
  const reasons = [...new Set(failed.map((r) => r.message))].join('；')
  return { type: done ? 'warning' : 'error', text: `${done} 条已${verb}，${failed.length} 条未处理：${reasons}` }
}
