// The sidebar: which areas each role sees. The API decides what a person may
// do; the menu only leaves out pages whose every call would be refused.
// Another area adds its page here and a route in ./routes.js.
export const ORGANISER = 'organiser'
export const ADMIN = 'admin'
export const UNIT_CONTACT = 'unit_contact'

/** Roles that may sign in to the console at all (a staff or unit-contact grant). */
export const CONSOLE_ROLES = [ADMIN, ORGANISER, UNIT_CONTACT]

export const ROLE_LABELS = {
  resident: '居民',
  volunteer: '志愿者',
  organiser: '组织者',
  unit_contact: '共建单位联络人',
  grid_leader: '网格长',
  grid_worker: '网格员',
  branch_organiser: '党组织管理员',
  lecture_office: '聚沙讲堂管理员',
  mediation_lead: '调解负责人',
  admin: '街道管理员',
}

export const MENU = [
  { path: '/', title: '工作台首页', icon: 'HomeFilled', roles: CONSOLE_ROLES },
  { path: '/events', title: '活动管理', icon: 'Calendar', roles: [ORGANISER, ADMIN] },
  { path: '/hours', title: '工时审核', icon: 'Timer', roles: [ORGANISER, ADMIN] },
  { path: '/volunteers', title: '志愿者与队伍', icon: 'User', roles: [ORGANISER, ADMIN] },
  { path: '/notices', title: '通知推送', icon: 'Bell', roles: [ORGANISER, ADMIN] },
  { path: '/units', title: '共建单位', icon: 'OfficeBuilding', roles: CONSOLE_ROLES },
  { path: '/resources', title: '资源清单', icon: 'Box', roles: CONSOLE_ROLES },
  { path: '/needs', title: '需求清单', icon: 'List', roles: CONSOLE_ROLES },
  { path: '/projects', title: '项目清单', icon: 'Flag', roles: CONSOLE_ROLES },
  { path: '/duties', title: '履职清单', icon: 'Checked', roles: [UNIT_CONTACT] },
  { path: '/whistles', title: '吹哨与点名', icon: 'Bell', roles: CONSOLE_ROLES },
  { path: '/roundtables', title: '圆桌会', icon: 'ChatDotRound', roles: CONSOLE_ROLES },
  { path: '/units/ranking', title: '年度履职排名', icon: 'Histogram', roles: [ORGANISER, ADMIN] },
  { path: '/people', title: '人员与角色', icon: 'Avatar', roles: [ADMIN] },
  { path: '/audit', title: '操作审计', icon: 'Document', roles: [ADMIN] },
  { path: '/screen', title: '数据大屏', icon: 'Monitor', roles: CONSOLE_ROLES, newWindow: true },
  { path: '/screen-links', title: '大屏链接', icon: 'Monitor', roles: [ADMIN] },
]

/** The role names in GET /api/v1/me's roles[] (each {role, scope_kind, scope_id}). */
export function roleNames(held) {
  return [...new Set((held || []).map((r) => r.role))]
}

/** The menu items a person holding `held` (the /me roles[]) sees. */
export function menuFor(held) {
  const names = roleNames(held)
  return MENU.filter((item) => item.roles.some((role) => names.includes(role)))
}

/** May this person open the route with these meta.roles? (no roles: everyone signed in) */
export function mayOpen(held, allowed) {
  if (!allowed || allowed.length === 0) return true
  const names = roleNames(held)
  return allowed.some((role) => names.includes(role))
}
