const test = require('node:test');
const assert = require('node:assert/strict');
const { createFakeWx } = require('./helpers/fake-wx');
const request = require('../utils/request');
const { configFor } = require('../utils/config');

const API = 'http://api.test';

function release() {
  return Object.assign(configFor('release'), { apiBase: API });
}

function develop() {
  return Object.assign(configFor('develop'), { apiBase: API, emulator: { base: 'http://emu.test', openid: 'demo-resident' } });
}

function loginAnswer(token) {
  return { statusCode: 200, data: { token: token, expires_in: 3600, user: { id: 7, name: '陈阿姨', role: 'resident' } } };
}

// A backend that knows one valid token at a time; logins mint the next one.
function backend(wx, extra) {
  let issued = 0;
  const state = { valid: null, logins: [] };
  wx.setHandler((req) => {
    if (req.url === API + '/api/v1/auth/login') {
      issued += 1;
      state.valid = 'token-' + issued;
      state.logins.push(req.data.code);
      return loginAnswer(state.valid);
    }
    if (req.url === 'http://emu.test/_emulator/login-codes') {
      return { statusCode: 200, data: { code: 'emu-code-for-' + req.data.openid } };
    }
    const auth = (req.header || {}).Authorization;
    if (auth !== 'Bearer ' + state.valid) {
      return { statusCode: 401, data: { error: { code: 'token_invalid', message: '登录已失效，请重新登录' } } };
    }
    return extra ? extra(req) : { statusCode: 200, data: { ok: true } };
  });
  return state;
}

test('a first call logs in with wx.login, stores the token, then sends it as a bearer', async () => {
  const wx = createFakeWx();
  const state = backend(wx, () => ({ statusCode: 200, data: { id: 7, name: '陈阿姨' } }));
  const api = request.createClient({ wx, config: release() });
  const me = await api.call('me.get');
  assert.deepEqual(me, { id: 7, name: '陈阿姨' });
  assert.equal(wx.calls.logins, 1);
  assert.deepEqual(state.logins, ['wx-code-1']);
  assert.equal(wx.getStorageSync(request.TOKEN_KEY), 'token-1');
  assert.equal(wx.getStorageSync(request.USER_KEY).name, '陈阿姨');
  const last = wx.calls.requests[wx.calls.requests.length - 1];
  assert.equal(last.header.Authorization, 'Bearer token-1');
  assert.equal(last.url, API + '/api/v1/me');
});

test('develop logs in with a code minted by the emulator for the demo person', async () => {
  const wx = createFakeWx();
  const state = backend(wx);
  const api = request.createClient({ wx, config: develop() });
  await api.call('me.get');
  assert.equal(wx.calls.logins, 0);
  assert.deepEqual(state.logins, ['emu-code-for-demo-resident']);
  await api.switchDemoPerson('demo-organiser-minghe');
  assert.deepEqual(state.logins, ['emu-code-for-demo-resident', 'emu-code-for-demo-organiser-minghe']);
  assert.equal(api.devOpenid(), 'demo-organiser-minghe');
});

test('a 401 logs in again silently and retries exactly once', async () => {
  const wx = createFakeWx();
  const state = backend(wx);
  wx.setStorageSync(request.TOKEN_KEY, 'stale');
  const api = request.createClient({ wx, config: release() });
  const body = await api.call('me.get');
  assert.deepEqual(body, { ok: true });
  assert.equal(state.logins.length, 1);
  const meCalls = wx.calls.requests.filter((r) => r.url === API + '/api/v1/me');
  assert.deepEqual(meCalls.map((r) => r.header.Authorization), ['Bearer stale', 'Bearer token-1']);
  assert.equal(wx.calls.toasts.length, 0, 'a silent re-login shows nothing');
});

test('a second 401 after the re-login is not retried again and is shown', async () => {
  const wx = createFakeWx();
  let meCalls = 0;
  wx.setHandler((req) => {
    if (req.url.endsWith('/auth/login')) return loginAnswer('fresh');
    meCalls += 1;
    return { statusCode: 401, data: { error: { code: 'token_invalid', message: '登录已失效，请重新登录' } } };
  });
  wx.setStorageSync(request.TOKEN_KEY, 'stale');
  const api = request.createClient({ wx, config: release() });
  await assert.rejects(api.call('me.get'), (e) => e.code === 'token_invalid' && e.status === 401);
  assert.equal(meCalls, 2);
  assert.equal(wx.calls.logins, 1);
  assert.deepEqual(wx.calls.toasts.map((t) => t.title), ['登录已失效，请重新登录']);
});

test('concurrent 401s share one login', async () => {
  const wx = createFakeWx();
  const state = backend(wx);
  wx.setStorageSync(request.TOKEN_KEY, 'stale');
  const api = request.createClient({ wx, config: release() });
  const results = await Promise.all([api.call('me.get'), api.call('subscriptions.mine'), api.call('me.registrations')]);
  assert.equal(results.length, 3);
  assert.equal(state.logins.length, 1);
});

test('a 401 that raced a re-login by another call retries with the new token', async () => {
  const wx = createFakeWx();
  const state = backend(wx);
  const api = request.createClient({ wx, config: release() });
  await api.call('me.get');
  wx.setStorageSync(request.TOKEN_KEY, 'stale');
  const first = api.call('me.get');
  const second = api.call('subscriptions.mine');
  await Promise.all([first, second]);
  assert.equal(state.logins.length, 2);
});

test('public endpoints send no token and never log in', async () => {
  const wx = createFakeWx();
  wx.setHandler((req) => {
    assert.equal((req.header || {}).Authorization, undefined);
    return { statusCode: 200, data: [{ id: 1, name: '铭和社区' }] };
  });
  const api = request.createClient({ wx, config: release() });
  assert.equal((await api.call('communities.list'))[0].name, '铭和社区');
  assert.equal(wx.calls.logins, 0);
});

test('an expired stored token is replaced before the call instead of costing a 401', async () => {
  const wx = createFakeWx();
  const state = backend(wx);
  wx.setStorageSync(request.TOKEN_KEY, 'old');
  wx.setStorageSync(request.TOKEN_EXPIRES_KEY, 1000);
  const api = request.createClient({ wx, config: release(), now: () => 5000 });
  await api.call('me.get');
  assert.equal(state.logins.length, 1);
  assert.ok(!wx.calls.requests.some((r) => r.header && r.header.Authorization === 'Bearer old'));
});

test("the server's Chinese message is shown, and the error carries code, status and details", async () => {
  const wx = createFakeWx();
  backend(wx, () => ({ statusCode: 409, data: { error: { code: 'event_full', message: '活动人数已满，无法签到', details: { capacity: 30 } } } }));
  const api = request.createClient({ wx, config: release() });
  await assert.rejects(api.call('events.register', { params: { id: 3 } }), (e) => {
    assert.equal(e.code, 'event_full');
    assert.equal(e.status, 409);
    assert.deepEqual(e.details, { capacity: 30 });
    return true;
  });
  assert.deepEqual(wx.calls.toasts.map((t) => t.title), ['活动人数已满，无法签到']);
  assert.equal(wx.calls.toasts[0].icon, 'none');
});

test('silent calls show nothing; the caller gets the error', async () => {
  const wx = createFakeWx();
  backend(wx, () => ({ statusCode: 400, data: { error: { code: 'token_expired', message: '签到码已过期' } } }));
  const api = request.createClient({ wx, config: release() });
  await assert.rejects(api.call('checkins.create', { data: { token: 'x' }, silent: true }), { code: 'token_expired' });
  assert.equal(wx.calls.toasts.length, 0);
});

test('a response without our error shape falls back to a Chinese message by status', async () => {
  const wx = createFakeWx();
  backend(wx, () => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
  const api = request.createClient({ wx, config: release() });
  await assert.rejects(api.call('me.get'), (e) => e.message === '微信服务暂时不可用，请稍后再试' && e.code === 'server_error');
});

test('a network failure says so in Chinese', async () => {
  const wx = createFakeWx();
  const state = backend(wx);
  const api = request.createClient({ wx, config: release() });
  await api.call('me.get');
  wx.setHandler(() => ({ fail: 'timeout' }));
  await assert.rejects(api.call('me.get'), (e) => e.code === 'network_error' && e.message === request.NETWORK_MESSAGE);
  assert.equal(state.logins.length, 1);
});

test('loading is shown for the duration of the call and hidden before an error toast', async () => {
  const wx = createFakeWx();
  let sawLoading = null;
  backend(wx, () => {
    sawLoading = wx.isLoadingVisible();
    return { statusCode: 422, data: { error: { code: 'validation_failed', message: '提交的内容不符合要求' } } };
  });
  wx.setStorageSync(request.TOKEN_KEY, 'stale');
  const api = request.createClient({ wx, config: release() });
  await assert.rejects(api.call('me.update', { data: { name: '' }, loading: '保存中' }));
  assert.equal(sawLoading, true);
  assert.deepEqual(wx.calls.loading.map((l) => l.title), ['保存中']);
  assert.equal(wx.isLoadingVisible(), false);
  assert.equal(wx.calls.toasts.length, 1);
});

test('path parameters are encoded and query values dropped when empty', async () => {
  const wx = createFakeWx();
  backend(wx);
  const api = request.createClient({ wx, config: release() });
  await api.call('events.list', { query: { kind: 'lecture', community: '', mine: true, from: '2026-05-10' } });
  await api.call('certificates.pdf', { params: { serial: 'JS/2026 01' } }).catch(() => {});
  const urls = wx.calls.requests.map((r) => r.url);
  assert.ok(urls.includes(API + '/api/v1/events?kind=lecture&mine=true&from=2026-05-10'));
  assert.ok(urls.includes(API + '/api/v1/certificates/JS%2F2026%2001/pdf'));
});

test('a field the endpoints module does not declare is refused before sending', async () => {
  const wx = createFakeWx();
  backend(wx);
  const api = request.createClient({ wx, config: release() });
  const originalError = console.error;
  console.error = () => {};
  try {
    await assert.rejects(api.call('me.update', { data: { role: 'admin' } }), /not declared/);
    await assert.rejects(api.call('events.list', { query: { page: 2 } }), /not declared/);
    await assert.rejects(api.call('events.get', {}), /missing path parameter id/);
  } finally {
    console.error = originalError;
  }
  assert.equal(wx.calls.requests.length, 0);
});

test('binary calls give bytes and headers; an error body in bytes is decoded', async () => {
  const wx = createFakeWx();
  const png = new Uint8Array([137, 80, 78, 71]).buffer;
  let fail = false;
  backend(wx, (req) => {
    assert.equal(req.responseType, 'arraybuffer');
    if (fail) {
      return { statusCode: 403, data: new TextEncoder().encode(JSON.stringify({ error: { code: 'out_of_scope', message: '超出您的管理范围' } })).buffer };
    }
    return { statusCode: 200, data: png, header: { 'X-Token-Refresh-In': '24.5' } };
  });
  const api = request.createClient({ wx, config: release() });
  const res = await api.callBinary('events.qrcode', { params: { id: 1 }, query: { purpose: 'checkin', format: 'png' } });
  assert.equal(res.data, png);
  assert.equal(res.header['X-Token-Refresh-In'], '24.5');
  fail = true;
  await assert.rejects(api.callBinary('events.qrcode', { params: { id: 1 } }), (e) => e.code === 'out_of_scope' && e.message === '超出您的管理范围');
});

test('downloads carry the token, re-login on 401, and read the error body from the file', async () => {
  const wx = createFakeWx({ files: { '/tmp/err': JSON.stringify({ error: { code: 'certificate_not_found', message: '证明不存在' } }) } });
  const state = backend(wx);
  wx.setStorageSync(request.TOKEN_KEY, 'stale');
  wx.setHandler((req) => {
    if (req.url.endsWith('/auth/login')) { state.valid = 'ok'; return loginAnswer('ok'); }
    if (req.header.Authorization !== 'Bearer ok') return { statusCode: 401, tempFilePath: '/tmp/401' };
    if (req.url.includes('missing')) return { statusCode: 404, tempFilePath: '/tmp/err' };
    return { statusCode: 200, tempFilePath: '/tmp/cert.pdf' };
  });
  const api = request.createClient({ wx, config: release() });
  assert.equal(await api.download('certificates.pdf', { params: { serial: 'A1' } }), '/tmp/cert.pdf');
  assert.equal(wx.calls.downloads.length, 2);
  await assert.rejects(api.download('certificates.pdf', { params: { serial: 'missing' } }), { code: 'certificate_not_found', message: '证明不存在' });
});

test('a failed login is reported once in Chinese', async () => {
  const wx = createFakeWx({ loginFails: true });
  const api = request.createClient({ wx, config: release() });
  await assert.rejects(api.call('me.get'), { code: 'login_failed' });
  assert.deepEqual(wx.calls.toasts.map((t) => t.title), ['微信登录失败，请稍后重试']);
});

test('utf-8 decoding of error bodies handles Chinese', () => {
  const bytes = new TextEncoder().encode('签到码已过期 ✓');
  assert.equal(request.decodeUtf8(bytes.buffer), '签到码已过期 ✓');
});

test('nested body fields are checked against their dotted declarations', async () => {
  const wx = createFakeWx();
  backend(wx);
  const api = request.createClient({ wx, config: release() });
  const originalError = console.error;
  console.error = () => {};
  try {
    await api.call('notices.preview', { data: { template_id: 'T', values: { thing1: 'x' }, audience: { kind: 'team', team_id: 2 } } });
    await assert.rejects(api.call('notices.preview', { data: { template_id: 'T', audience: { kind: 'team', squad: 2 } } }),
      /"audience.squad" is not declared/);
    await assert.rejects(api.call('notices.preview', { data: { audience: 'team' } }), /"audience" is not declared/);
  } finally {
    console.error = originalError;
  }
});

test('develop: an emulator that is not running is named in the message', async () => {
  const wx = createFakeWx({ handler: () => ({ fail: 'connection refused' }) });
  const api = request.createClient({ wx, config: develop() });
  await assert.rejects(api.call('me.get'), (e) => e.code === 'login_failed' && /scripts\/dev/.test(e.message));
});

test('an upload sends the photo as `file` with its purpose in the query, as the storage area reads it', async () => {
  const wx = createFakeWx();
  backend(wx, (req) => ({ statusCode: 201, data: { id: 9, url: '/files/9' } }));
  const api = request.createClient({ wx, config: release() });
  const uploaded = await api.upload('uploads.create', { filePath: '/tmp/a.jpg', query: { purpose: 'need_photo' } });
  assert.deepEqual(uploaded, { id: 9, url: '/files/9' });
  const sent = wx.calls.uploads[wx.calls.uploads.length - 1];
  assert.equal(sent.url, API + '/api/v1/uploads?purpose=need_photo');
  assert.equal(sent.name, 'file');
  assert.equal(sent.filePath, '/tmp/a.jpg');
});
