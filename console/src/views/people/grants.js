// Roles and their scopes as app/auth/roles.py names them, and a person's
// grant history (GET /admin/users/{id}/grants) as table rows.
export const ROLE_LABELS = { resident: '居民', volunteer: '志愿者', organiser: '组织者', unit_contact: '共建单位联络人', grid_leader: '网格长', grid_worker: '网格员', branch_organiser: '党组织管理员', lecture_office: '聚沙讲堂管理员', mediation_lead: '调解负责人', admin: '街道管理员' }
export const SCOPE_LABELS = { subdistrict: '街道', community: '社区', grid: '网格', member_unit: '共建单位', party_branch: '党组织', squad: '中队' }

// Which scopes each grantable role may be held over (roles.GRANTABLE).
export const GRANTABLE = {
  admin: ['subdistrict'], organiser: ['community', 'member_unit'], unit_contact: ['member_unit'],
  grid_leader: ['grid'], grid_worker: ['grid'], branch_organiser: ['party_branch'], lecture_office: ['subdistrict'],
  mediation_lead: ['community'],
}

/** The scope kinds to offer once a role is chosen. */
export function scopeKindsFor(role) {
  return (GRANTABLE[role] || []).map((kind) => ({ value: kind, label: SCOPE_LABELS[kind] }))
}

/** form {role, scope_kind, scope_id} -> {body} or {problem}, for POST /admin/grants. */
export function grantBody(userId, form) {
  if (!GRANTABLE[form.role]) return { problem: '请选择角色' }
  if (!GRANTABLE[form.role].includes(form.scope_kind)) return { problem: '请选择该角色的管理范围' }
  const needsId = form.scope_kind !== 'subdistrict'
  const scopeId = Number(form.scope_id)
  if (needsId && !(Number.isInteger(scopeId) && scopeId > 0)) return { problem: `请选择${SCOPE_LABELS[form.scope_kind]}` }
  return { body: { user_id: userId, role: form.role, scope_kind: form.scope_kind, scope_id: needsId ? scopeId : null } }
}

/** "社区：铭和社区" (names from {community: {id: name}}; else the number). */
export function scopeText(kind, id, names = {}) {
  const label = SCOPE_LABELS[kind] || kind
  if (id === null || id === undefined) return label
  const name = names[kind] && names[kind][id]
  return `${label}：${name || '#' + id}`
}

/** Grants newest first, each {..., live, roleLabel, scope}. */
export function historyRows(grants, names = {}) {
  return [...(grants || [])]
    .sort((a, b) => b.id - a.id)
    .map((g) => ({ ...g, live: !g.revoked_at, roleLabel: ROLE_LABELS[g.role] || g.role, scope: scopeText(g.scope_kind, g.scope_id, names) }))
}

/** A person's roles (UserSchema.roles) as short tags: "组织者·社区：铭和社区". */
export function roleTags(held, names = {}) {
  return (held || []).filter((r) => r.role !== 'resident')
    .map((r) => `${ROLE_LABELS[r.role] || r.role}·${scopeText(r.scope_kind, r.scope_id, names)}`)
}
