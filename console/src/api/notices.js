// The calls of the 通知推送 page.
import { api } from './client'
import { getPage } from './paged'

export const noticesApi = {
  templates: () => api.get('/subscriptions/templates'),
  page: (query) => getPage('/notices', query),
  /** quiet: the page shows the API's field errors beside the fields itself. */
  preview: (body) => api.post('/notices/preview', body, { quiet: true }),
  send: (body) => api.post('/notices', body, { quiet: true }),
  report: (id) => api.get(`/notices/${id}/report`, undefined, { quiet: true }),
  deliveries: (id, query) => getPage(`/notices/${id}/deliveries`, query),
  cancel: (id) => api.post(`/notices/${id}/cancel`, {}),
  teams: () => api.get('/teams'),
  communities: () => api.get('/communities'),
  /** Events I manage from `from` (YYYY-MM-DD) on, for the audience picker. */
  myEvents: (from) => api.get('/events', { mine: true, from, limit: 100 }),
  findVolunteers: (q) => getPage('/volunteers', { status: 'approved', q, limit: 20 }),
}
