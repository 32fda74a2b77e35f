import { describe, expect, it } from 'vitest'
import { mayOpen, menuFor } from '../src/router/menu'

const held = (...names) => names.map((role, i) => ({ role, scope_kind: 'community', scope_id: i + 1, grant_id: i + 1 }))
const titles = (items) => items.map((m) => m.title)

describe('the sidebar by role', () => {
  it('shows an admin everything', () => {
    expect(titles(menuFor(held('resident', 'admin')))).toEqual(
      ['工作台首页', '活动管理', '工时审核', '志愿者与队伍', '通知推送', '共建单位', '资源清单', '需求清单', '项目清单',
        '吹哨与点名', '圆桌会', '年度履职排名', '人员与角色', '操作审计', '数据大屏', '大屏链接'])
  })

  it('shows an organiser their work but not people, roles or the audit trail', () => {
    const menu = titles(menuFor(held('resident', 'volunteer', 'organiser')))
    expect(menu).toContain('活动管理')
    expect(menu).toContain('工时审核')
    expect(menu).not.toContain('人员与角色')
    expect(menu).not.toContain('操作审计')
  })

  it('shows a unit contact the alliance pages, their 履职清单 and the big screen, not the ranking', () => {
    expect(titles(menuFor(held('resident', 'unit_contact')))).toEqual(
      ['工作台首页', '共建单位', '资源清单', '需求清单', '项目清单', '履职清单', '吹哨与点名', '圆桌会', '数据大屏'])
  })

  it('shows a resident or volunteer nothing', () => {
    expect(menuFor(held('resident', 'volunteer'))).toEqual([])
    expect(menuFor(undefined)).toEqual([])
  })

  it('guards routes with the same role lists', () => {
    expect(mayOpen(held('organiser'), ['admin'])).toBe(false)
    expect(mayOpen(held('admin'), ['admin'])).toBe(true)
    expect(mayOpen(held('resident'), undefined)).toBe(true)
  })
})
