import { describe, expect, it, vi } from 'vitest'
import { ApiError, createClient } from '../src/api/client'

function json(status, body) {
  return { ok: status < 400, status, json: async () => body, headers: new Map() }
}

function setup(answer, token = 'tok') {
  const notify = vi.fn()
  const onUnauthorized = vi.fn()
  let stored = token
  const tokens = { get: () => stored, set: (t) => { stored = t }, clear: () => { stored = null } }
  const fetchImpl = vi.fn(async () => (answer instanceof Error ? Promise.reject(answer) : answer))
  const client = createClient({ fetchImpl, notify, tokens, onUnauthorized })
  return { client, notify, onUnauthorized, fetchImpl, token: () => stored }
}

describe('the API client', () => {
  it('sends the bearer token, JSON body and query string', async () => {
    const { client, fetchImpl } = setup(json(200, { ok: true }))
    await client.post('/events/1/cancel', { reason: '下雨' })
    await client.get('/events', { kind: 'lecture', community: '', limit: 20 })
    const [url, init] = fetchImpl.mock.calls[0]
    expect(url).toBe('/api/v1/events/1/cancel')
    expect(init.headers.Authorization).toBe('Bearer tok')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body)).toEqual({ reason: '下雨' })
    expect(fetchImpl.mock.calls[1][0]).toBe('/api/v1/events?kind=lecture&limit=20')
  })

  it("shows the API's Chinese message and throws its code", async () => {
    const { client, notify } = setup(json(409, { error: { code: 'event_cancelled', message: '活动已取消' } }))
    const error = await client.post('/events/1/cancel', { reason: '下雨' }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('event_cancelled')
    expect(error.status).toBe(409)
    expect(notify).toHaveBeenCalledWith('活动已取消')
  })

  it('keeps the field details of a validation error', async () => {
    const body = { error: { code: 'validation_failed', message: '提交的内容不符合要求', fields: { title: ['必填项'] } } }
    const { client } = setup(json(422, body))
    const error = await client.post('/events', {}).catch((e) => e)
    expect(error.fields).toEqual({ title: ['必填项'] })
  })

  it('forgets the token and asks to sign in again on 401', async () => {
    const { client, onUnauthorized, token, notify } = setup(json(401, { error: { code: 'token_invalid', message: '登录已失效，请重新登录' } }))
    await expect(client.get('/me')).rejects.toThrow('登录已失效，请重新登录')
    expect(token()).toBeNull()
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(notify).toHaveBeenCalledWith('登录已失效，请重新登录')
  })

  it('says the server cannot be reached when fetch fails, in Chinese', async () => {
    const { client, notify } = setup(new TypeError('Failed to fetch'))
    const error = await client.get('/me').catch((e) => e)
    expect(error.code).toBe('network_error')
    expect(notify).toHaveBeenCalledWith('无法连接服务器，请检查网络后重试')
  })

  it('has a Chinese message for a body that is not the error shape (a proxy page)', async () => {
    const broken = { ok: false, status: 502, json: async () => { throw new SyntaxError('html') } }
    const { client, notify } = setup(broken)
    const error = await client.get('/events').catch((e) => e)
    expect(error.status).toBe(502)
    expect(notify).toHaveBeenCalledWith('服务器开小差了，请稍后再试')
  })

  it('stays quiet when asked (polling)', async () => {
    const { client, notify } = setup(json(503, { error: { code: 'service_unavailable', message: '服务暂时不可用，请稍后再试' } }))
    await expect(client.post('/auth/console/poll', { nonce: 'x' }, { quiet: true })).rejects.toBeInstanceOf(ApiError)
    expect(notify).not.toHaveBeenCalled()
  })
})
