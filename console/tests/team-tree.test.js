import { describe, expect, it } from 'vitest'
import { buildTree, flatten, pathOf, totals } from '../src/views/volunteers/teamTree'

const NESTED = [{
  id: 1, name: '下沙街道志愿服务总队', level: 'corps', parent_id: null, member_count: 0, children: [
    { id: 2, name: '党员先锋大队', level: 'brigade', parent_id: 1, member_count: 0, children: [
      { id: 4, name: '铭和社区中队', level: 'squad', parent_id: 2, community_id: 7, member_count: 12, children: [] },
      { id: 5, name: '柠檬社区中队', level: 'squad', parent_id: 2, member_count: 3, children: [] },
    ] },
    { id: 3, name: '文明实践大队', level: 'brigade', parent_id: 1, member_count: 0, children: [] },
  ],
}]

describe('the 1+5+X team tree', () => {
  it('adds up members and squads under every node', () => {
    const [corps] = buildTree(NESTED)
    expect(corps.total).toBe(15)
    expect(corps.squads).toBe(2)
    expect(corps.label).toBe('下沙街道志愿服务总队（2 个中队，15 人）')
    expect(corps.children[0].label).toBe('党员先锋大队（2 个中队，15 人）')
    expect(corps.children[0].children[0].label).toBe('铭和社区中队（12 人）')
    expect(corps.children[1].total).toBe(0)
    expect(corps.children[0].children[0].community_id).toBe(7)
  })

  it('builds the same tree from a flat list with parent ids', () => {
    const flat = flatten(buildTree(NESTED)).map(({ id, name, level, own }) => ({
      id, name, level, member_count: own,
      parent_id: { 1: null, 2: 1, 3: 1, 4: 2, 5: 2 }[id],
    }))
    const rebuilt = buildTree(flat)
    expect(rebuilt[0].total).toBe(15)
    expect(rebuilt[0].children.map((c) => c.id)).toEqual([2, 3])
  })

  it('names a squad by its path and counts the whole tree', () => {
    const tree = buildTree(NESTED)
    expect(pathOf(tree, 5)).toBe('下沙街道志愿服务总队 / 党员先锋大队 / 柠檬社区中队')
    expect(pathOf(tree, 99)).toBe('')
    expect(totals(tree)).toEqual({ corps: 1, brigades: 2, squads: 2, members: 15 })
  })

  it('is empty for no teams', () => {
    expect(buildTree([])).toEqual([])
    expect(buildTree(undefined)).toEqual([])
  })
})
