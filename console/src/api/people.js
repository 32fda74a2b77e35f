// The calls of the 人员与角色 and 操作审计 pages (the office's).
import { api } from './client'
import { getPage } from './paged'

export const peopleApi = {
  /** {items, total}: query {q, role, limit, offset, sort, order}. */
  page: (query) => getPage('/admin/users', query),
  grants: (userId) => api.get(`/admin/users/${userId}/grants`),
  give: (body) => api.post('/admin/grants', body),
  take: (grantId) => api.del(`/admin/grants/${grantId}`),
  communities: () => api.get('/communities'),
  audit: (query) => getPage('/admin/audit', query),
}
