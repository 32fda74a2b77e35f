// 需求清单 and 履职清单 (app/needs): needs, dispatch suggestions, duties.
import { api } from './client'

export const NEED_STATUS_LABELS = {
  open: '待认领', claimed: '待确认抢单', dispatched: '已派单', in_progress: '办理中', done: '已办结',
  closed: '已关闭', cancelled: '已取消',
}
export const DUTY_STATUS_LABELS = {
  offered: '待接单', claimed: '待社区确认', accepted: '履职中', done: '已办结', closed: '已评价',
  declined: '已拒单', withdrawn: '已撤回',
}
export const URGENCY_LABELS = { low: '不急', normal: '一般', high: '较急', urgent: '紧急' }
/** Needs a community may still dispatch (派单). */
export const DISPATCHABLE = ['open', 'dispatched', 'in_progress']

export const needsApi = {
  /** {items, total} — scope, status, community_id, kind; limit/offset. */
  list: (query) => api.get('/needs', query),
  get: (id) => api.get(`/needs/${id}`),
  timeline: (id) => api.get(`/needs/${id}/timeline`),
  cancel: (id, reason) => api.post(`/needs/${id}/cancel`, { reason }),
  suggestions: (id, limit = 10) => api.get(`/needs/${id}/suggestions`, { limit }),
  dispatch: (id, body) => api.post(`/needs/${id}/dispatch`, body),
}

export const dutiesApi = {
  /** A unit's 履职清单: {items, total} — status, overdue; limit/offset. */
  ofUnit: (unitId, query) => api.get(`/units/${unitId}/duties`, query),
  get: (id) => api.get(`/duties/${id}`),
  accept: (id, note) => api.post(`/duties/${id}/accept`, note ? { note } : {}),
  decline: (id, reason) => api.post(`/duties/${id}/decline`, { reason }),
  progress: (id, note, photoIds = []) => api.post(`/duties/${id}/progress`, { note, photo_ids: photoIds }),
  done: (id, note, photoIds = []) => api.post(`/duties/${id}/done`, { note, photo_ids: photoIds }),
  confirm: (id) => api.post(`/duties/${id}/confirm`, {}),
  refuse: (id, reason) => api.post(`/duties/${id}/refuse`, { reason }),
  withdraw: (id, reason) => api.post(`/duties/${id}/withdraw`, { reason }),
}
