// Exports of the tables the API pages (people, the audit trail): the console
// fetches every page of the current filters in turn, reporting progress, and
// hands the browser one CSV (UTF-8 with a BOM, so Excel reads the Chinese).
export const EXPORT_PAGE_SIZE = 200

/**
 * Every row matching `query`: fetchPage({...query, limit, offset}) -> {items, total}.
 * onProgress({done, total}) after each page; `signal.cancelled` stops between pages.
 */
export async function fetchAllPages(fetchPage, query = {}, { pageSize = EXPORT_PAGE_SIZE, onProgress = () => {}, signal = {} } = {}) {
  const rows = []
  let total = null
  while (total === null || rows.length < total) {
    if (signal.cancelled) throw new Error('导出已取消')
    const page = await fetchPage({ ...query, limit: pageSize, offset: rows.length })
    total = page.total
    rows.push(...page.items)
    onProgress({ done: Math.min(rows.length, total), total })
    if (page.items.length === 0) break // the list shrank while we read it
  }
  return rows
}

/** The percentage for an el-progress (100 when there was nothing to fetch). */
export function percent({ done, total }) {
  return total ? Math.min(100, Math.floor((done * 100) / total)) : 100
}

function cell(value) {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  // Quote what would split the cell; a leading = + - @ would run as a formula in Excel.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** columns: [{label, value: (row) => any}] -> CSV text with a header row. */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => cell(c.label)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

export function saveText(text, filename, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
