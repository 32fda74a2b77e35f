// The alliance's member units and two of the three lists (app/units):
// units, 资源清单 resources, 项目清单 projects, yearly reports and the ranking.
import { api } from './client'
import { download } from './download'

export const UNIT_KIND_LABELS = {
  government: '机关', enterprise: '企事业单位', school: '学校', hospital: '医院',
  social_org: '社会组织', two_new: '两新组织', other: '其他',
}
export const UNIT_LEVEL_LABELS = { subdistrict: '街道级', community: '社区级' }
export const UNIT_STATUS_LABELS = { active: '正常', suspended: '暂停', left: '已退出' }
export const RESOURCE_KIND_LABELS = {
  venue: '场地', lecturer: '讲师', volunteers: '志愿者', funds: '资金', professional: '专业服务', goods: '物资',
}
export const PROJECT_KIND_LABELS = { mandatory: '必选', optional: '自选' }
export const PROJECT_STATUS_LABELS = { planned: '计划中', active: '进行中', done: '已完成', dropped: '已终止' }
/** The profile fields a unit's own contacts may change (the office: every field but status). */
export const PROFILE_FIELDS = ['introduction', 'address', 'latitude', 'longitude', 'party_org_name']

export const unitsApi = {
  /** {items, total} — filters: kind, level, community, status, q; limit/offset. */
  list: (query) => api.get('/units', query),
  get: (id) => api.get(`/units/${id}`),
  create: (body) => api.post('/units', body),
  update: (id, body) => api.patch(`/units/${id}`, body),
  changeStatus: (id, status, reason) => api.post(`/units/${id}/status`, { status, reason }),
  statusHistory: (id) => api.get(`/units/${id}/status-history`),
  report: (id, year) => api.get(`/units/${id}/report`, { year }),
  downloadReport: (id, year, format) => download(`/units/${id}/report`, { year, format }, `unit-${id}-${year}.${format}`),
  ranking: (year) => api.get('/units/ranking', { year }),
}

export const resourcesApi = {
  /** {items, total} — filters: kind, service, community, unit_id, active. */
  list: (query) => api.get('/resources', query),
  create: (body) => api.post('/resources', body),
  update: (id, body) => api.patch(`/resources/${id}`, body),
  remove: (id) => api.del(`/resources/${id}`),
}

export const projectsApi = {
  mandatory: (year) => api.get('/projects/mandatory', { year }),
  createMandatory: (body) => api.post('/projects/mandatory', body),
  updateMandatory: (id, body) => api.patch(`/projects/mandatory/${id}`, body),
  removeMandatory: (id) => api.del(`/projects/mandatory/${id}`),
  /** {items, total} — filters: unit_id, year, kind, status, community. */
  list: (query) => api.get('/projects', query),
  get: (id) => api.get(`/projects/${id}`),
  create: (body) => api.post('/projects', body),
  update: (id, body) => api.patch(`/projects/${id}`, body),
  addMilestone: (id, body) => api.post(`/projects/${id}/milestones`, body),
  completeMilestone: (id, milestoneId) => api.post(`/projects/${id}/milestones/${milestoneId}/complete`),
  linkEvent: (id, eventId) => api.post(`/projects/${id}/events`, { event_id: eventId }),
  unlinkEvent: (id, eventId) => api.del(`/projects/${id}/events/${eventId}`),
}
