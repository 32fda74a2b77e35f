// Events, registration lists, attendance and check-in links (app/events, app/checkin).
import { api } from './client'
import { download } from './download'

export const KIND_LABELS = { lecture: '共享党课', welfare_day: '市民公益日', volunteer_activity: '志愿活动', party_day: '主题党日' }
export const PHASE_LABELS = { upcoming: '未开始', ongoing: '进行中', ended: '已结束', cancelled: '已取消' }

export const eventsApi = {
  /** {items, total} — filters: kind, community, status, from, to, mine; limit/offset paging. */
  list: (query) => api.get('/events', { mine: true, ...query }),
  get: (id) => api.get(`/events/${id}`),
  create: (body) => api.post('/events', body),
  update: (id, body) => api.patch(`/events/${id}`, body),
  cancel: (id, reason) => api.post(`/events/${id}/cancel`, { reason }),
  registrations: (id, query) => api.get(`/events/${id}/registrations`, query),
  attendance: (id) => api.get(`/events/${id}/attendance`, undefined, { quiet: true }),
  exportAttendance: (id, format) => download(`/events/${id}/attendance`, { format }, `attendance-${id}.${format}`),
  projectorLink: (id, purpose = 'checkin') => api.post(`/events/${id}/projector-link`, { purpose }),
}
