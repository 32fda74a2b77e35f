// Exports (CSV, XLSX, PDF) need the bearer token, so a plain <a href> cannot
// fetch them: fetch the file through the client, then hand the browser a blob.
import { api } from './client'

function filenameOf(response, fallback) {
  const header = response.headers.get('Content-Disposition') || ''
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (encoded) return decodeURIComponent(encoded[1])
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain ? plain[1] : fallback
}

export async function download(path, query, fallbackName = 'export') {
  const response = await api.send('GET', path, { query, raw: true })
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filenameOf(response, fallbackName)
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
