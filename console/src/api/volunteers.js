// The calls of the 志愿者与队伍 page.
import { api } from './client'
import { getPage } from './paged'

export const volunteersApi = {
  teams: () => api.get('/teams'),
  communities: () => api.get('/communities'),
  /** {items, total}: query {status, team_id, community_id, q, limit, offset, sort, order}. */
  page: (query) => getPage('/volunteers', query),
  detail: (userId) => api.get(`/volunteers/${userId}`),
  review: (userId, decision, reason) => api.post(`/volunteers/${userId}/review`, reason ? { decision, reason } : { decision }),
}
