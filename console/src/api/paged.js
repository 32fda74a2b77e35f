// One page of a list the API pages on the server, as {items, total}: lists
// that answer {items, total} (GET /events, /notices/{id}/deliveries) as they
// are, and lists that answer a bare array with the count in X-Total-Count
// (GET /admin/users, /admin/audit, /volunteers, /notices).
import { api } from './client'

export const TOTAL_HEADER = 'X-Total-Count'

/** {items, total} of a parsed answer and its headers (a Headers or a plain object). */
export function pageOf(body, headers) {
  if (!Array.isArray(body)) return { items: body.items || [], total: body.total ?? (body.items || []).length }
  const raw = typeof headers?.get === 'function' ? headers.get(TOTAL_HEADER) : headers?.[TOTAL_HEADER]
  const total = raw === null || raw === undefined || raw === '' ? body.length : Number(raw)
  return { items: body, total: Number.isFinite(total) ? total : body.length }
}

export async function getPage(path, query, client = api) {
  const response = await client.send('GET', path, { query, raw: true })
  return pageOf(await response.json(), response.headers)
}
