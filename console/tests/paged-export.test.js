import { describe, expect, it, vi } from 'vitest'
import { getPage, pageOf } from '../src/api/paged'
import { fetchAllPages, percent, toCsv } from '../src/api/exportPages'

describe('pages the API counts', () => {
  it('reads X-Total-Count beside a bare array, and {items, total} as it is', () => {
    expect(pageOf([{ id: 1 }], new Headers({ 'X-Total-Count': '41' }))).toEqual({ items: [{ id: 1 }], total: 41 })
    expect(pageOf([{ id: 1 }], new Headers())).toEqual({ items: [{ id: 1 }], total: 1 })
    expect(pageOf({ items: [], total: 7, limit: 20, offset: 0 })).toEqual({ items: [], total: 7 })
  })

  it('asks the client for the raw answer to see its headers', async () => {
    const response = new Response(JSON.stringify([{ id: 3 }]), { headers: { 'X-Total-Count': '3' } })
    const client = { send: vi.fn().mockResolvedValue(response) }
    expect(await getPage('/admin/users', { q: '王' }, client)).toEqual({ items: [{ id: 3 }], total: 3 })
    expect(client.send).toHaveBeenCalledWith('GET', '/admin/users', { query: { q: '王' }, raw: true })
  })
})

describe('exports with progress', () => {
  it('fetches every page in turn and reports how far it got', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }))
    const fetchPage = vi.fn(async ({ limit, offset }) => ({ items: all.slice(offset, offset + limit), total: all.length }))
    const seen = []
    const rows = await fetchAllPages(fetchPage, { action: 'grant.' }, { pageSize: 2, onProgress: (p) => seen.push(percent(p)) })
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5])
    expect(seen).toEqual([40, 80, 100])
    expect(fetchPage).toHaveBeenCalledWith({ action: 'grant.', limit: 2, offset: 4 })
  })

  it('stops when the list shrinks under it, and when cancelled', async () => {
    const rows = await fetchAllPages(async () => ({ items: [], total: 3 }), {}, { pageSize: 2 })
    expect(rows).toEqual([])
    await expect(fetchAllPages(async () => ({ items: [], total: 0 }), {}, { signal: { cancelled: true } })).rejects.toThrow('导出已取消')
  })

  it('writes CSV Excel reads: a BOM, quoted cells, no formulas', () => {
    const csv = toCsv([{ label: '姓名', value: (r) => r.name }, { label: '备注', value: (r) => r.note }],
      [{ name: '王书记', note: '一,二' }, { name: '=SUM(A1)', note: null }])
    expect(csv).toBe('\uFEFF姓名,备注\r\n王书记,"一,二"\r\n\'=SUM(A1),\r\n')
  })
})
