// The one way the console talks to /api/v1: a fetch wrapper that adds the
// bearer token, turns the API's one error shape {"error": {code, message}}
// into an ApiError, and shows its Chinese message (the API writes messages to
// be shown as they are). A 401 forgets the token and sends the person to sign in.
import { ElMessage } from 'element-plus'

const TOKEN_KEY = 'jusha.console.token'

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message)
    this.status = status
    this.code = code
    this.fields = fields
  }
}

export const tokenStore = {
  get: () => window.localStorage.getItem(TOKEN_KEY),
  set: (token) => window.localStorage.setItem(TOKEN_KEY, token),
  clear: () => window.localStorage.removeItem(TOKEN_KEY),
}

const FALLBACK = {
  0: '无法连接服务器，请检查网络后重试',
  500: '服务器开小差了，请稍后再试',
}

/** The ApiError for a failed response (its body may be anything, or nothing). */
export async function errorOf(response) {
  let body = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  const error = body && body.error
  if (error && error.code) {
    return new ApiError(response.status, error.code, error.message || FALLBACK[500], error.fields || error.details)
  }
  return new ApiError(response.status, 'http_' + response.status, FALLBACK[500])
}

function withQuery(path, query) {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

/**
 * Build a client. Everything it touches is injectable so tests need no browser
 * or server: `fetch`, `notify(message)`, the token store and `onUnauthorized()`.
 */
export function createClient({
  fetchImpl = (...args) => window.fetch(...args),
  notify = (message) => ElMessage.error({ message, grouping: true }),
  tokens = tokenStore,
  onUnauthorized = () => {},
  base = '/api/v1',
} = {}) {
  async function send(method, path, { body, query, quiet = false, raw = false } = {}) {
    const headers = { Accept: 'application/json' }
    const token = tokens.get()
    if (token) headers.Authorization = `Bearer ${token}`
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    let response
    try {
      response = await fetchImpl(base + withQuery(path, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch {
      const error = new ApiError(0, 'network_error', FALLBACK[0])
      if (!quiet) notify(error.message)
      throw error
    }
    if (!response.ok) {
      const error = await errorOf(response)
      if (response.status === 401 && token) {
        tokens.clear()
        onUnauthorized(error)
      }
      if (!quiet) notify(error.message)
      throw error
    }
    if (raw) return response
    if (response.status === 204) return null
    return response.json()
  }

  return {
    send,
    get: (path, query, options) => send('GET', path, { ...options, query }),
    post: (path, body = {}, options) => send('POST', path, { ...options, body }),
    patch: (path, body, options) => send('PATCH', path, { ...options, body }),
    del: (path, options) => send('DELETE', path, options),
  }
}

let unauthorizedHandler = () => {}

/** The router registers where a 401 sends the person (see router/index.js). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler
}

export const api = createClient({ onUnauthorized: (error) => unauthorizedHandler(error) })
