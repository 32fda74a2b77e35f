// 基层吹哨·联盟报到 and 圆桌会 (app/whistles).
import { api } from './client'

export const WHISTLE_STATUS_LABELS = { open: '进行中', closed: '已结束', cancelled: '已取消' }
export const ROUNDTABLE_STATUS_LABELS = { planned: '待召开', held: '已召开' }

export const whistlesApi = {
  /** {items, total} — status, community_id; limit/offset. */
  list: (query) => api.get('/whistles', query),
  get: (id) => api.get(`/whistles/${id}`),
  create: (body) => api.post('/whistles', body),
  /** Quiet: the roll call is polled, a passing network error must not flood the page with messages. */
  rollCall: (id) => api.get(`/whistles/${id}/roll-call`, undefined, { quiet: true }),
  close: (id, body) => api.post(`/whistles/${id}/close`, body),
  cancel: (id, reason) => api.post(`/whistles/${id}/cancel`, { reason }),
}

export const roundtablesApi = {
  list: (query) => api.get('/roundtables', query),
  get: (id) => api.get(`/roundtables/${id}`),
  create: (body) => api.post('/roundtables', body),
  update: (id, body) => api.patch(`/roundtables/${id}`, body),
  candidates: (id) => api.get(`/roundtables/${id}/candidates`),
  addItem: (id, body) => api.post(`/roundtables/${id}/items`, body),
  held: (id, minutes) => api.post(`/roundtables/${id}/held`, minutes ? { minutes } : {}),
  addResolution: (id, body) => api.post(`/roundtables/${id}/resolutions`, body),
}
