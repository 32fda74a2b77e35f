import { describe, expect, it } from 'vitest'
import { grantBody, historyRows, roleTags, scopeKindsFor } from '../src/views/people/grants'
import { actorText, auditQuery, detailText } from '../src/views/audit/auditQuery'

describe('grants', () => {
  it('offers only the scopes a role may be held over', () => {
    expect(scopeKindsFor('organiser').map((k) => k.label)).toEqual(['社区', '共建单位'])
    expect(scopeKindsFor('admin').map((k) => k.value)).toEqual(['subdistrict'])
    expect(scopeKindsFor('volunteer')).toEqual([])
    expect(scopeKindsFor('grid_worker').map((k) => k.label)).toEqual(['网格'])
    expect(scopeKindsFor('branch_organiser').map((k) => k.label)).toEqual(['党组织'])
  })

  it('builds the body of POST /admin/grants, or says what is missing', () => {
    expect(grantBody(7, { role: 'organiser', scope_kind: 'community', scope_id: 3 }))
      .toEqual({ body: { user_id: 7, role: 'organiser', scope_kind: 'community', scope_id: 3 } })
    expect(grantBody(7, { role: 'admin', scope_kind: 'subdistrict', scope_id: 9 }).body.scope_id).toBeNull()
    expect(grantBody(7, { role: 'organiser', scope_kind: 'community' }).problem).toBe('请选择社区')
    expect(grantBody(7, { role: 'admin', scope_kind: 'community', scope_id: 1 }).problem).toBe('请选择该角色的管理范围')
  })

  it('shows history newest first with live and taken grants', () => {
    const names = { community: { 3: '铭和社区' } }
    const rows = historyRows([
      { id: 1, role: 'organiser', scope_kind: 'community', scope_id: 3, revoked_at: '2026-11-01T09:00:00+08:00' },
      { id: 2, role: 'admin', scope_kind: 'subdistrict', scope_id: null, revoked_at: null },
    ], names)
    expect(rows.map((r) => [r.roleLabel, r.scope, r.live])).toEqual([['街道管理员', '街道', true], ['组织者', '社区：铭和社区', false]])
    expect(roleTags([{ role: 'resident' }, { role: 'organiser', scope_kind: 'member_unit', scope_id: 5 }], names))
      .toEqual(['组织者·共建单位：#5'])
  })
})

describe('the audit trail', () => {
  it('turns filters into the query the API reads', () => {
    expect(auditQuery({ actorId: 4, action: ' grant. ', range: ['2026-12-01', '2026-12-02'] }))
      .toEqual({ actor_id: 4, action: 'grant.', from: '2026-12-01', to: '2026-12-02' })
    expect(auditQuery({ action: '', range: null })).toEqual({})
  })

  it('names who acted and what changed', () => {
    expect(actorText({ actor_name: '管理员', actor_id: 1 })).toBe('管理员')
    expect(actorText({ actor_id: null, actor_label: 'cli' })).toBe('命令行')
    expect(detailText({ role: 'organiser', scope: { id: 3 } })).toBe('role=organiser, scope={"id":3}')
  })
})
