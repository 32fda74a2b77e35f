// The one way pages talk to the backend.
//
// - every call is named in utils/endpoints.js (the contract test reads it);
//   sending a field the endpoint does not declare is a programming error;
// - the bearer token comes from storage; without one, or when the server
//   answers 401, the client logs in again silently (wx.login, or the dev
//   emulator) and retries exactly once; concurrent 401s share one login;
// - failures become an ApiError carrying the server's code and its Chinese
//   message, which is shown as a toast unless the caller asks for silence;
// - `loading: '标题'` shows wx.showLoading for the duration of the call.
const ENDPOINTS = require('./endpoints');

const TOKEN_KEY = 'jusha.token';
const TOKEN_EXPIRES_KEY = 'jusha.tokenExpiresAt';
const USER_KEY = 'jusha.user';
const DEV_OPENID_KEY = 'jusha.devOpenid';
// Re-login a little before the server would refuse the token.
const EXPIRY_MARGIN_MS = 60 * 1000;

const FALLBACK_MESSAGES = {
  400: '请求格式不正确',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  409: '操作冲突，请刷新后重试',
  413: '提交的内容过大',
  422: '提交的内容不符合要求',
  429: '操作太频繁，请稍后再试',
  502: '微信服务暂时不可用，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
const LOGIN_FAILED_MESSAGE = '微信登录失败，请稍后重试';
const DEV_LOGIN_MESSAGE = '无法从本地微信模拟器获取登录凭证，请确认 ./scripts/dev 正在运行';

class ApiError extends Error {
  constructor(code, message, status, details, body) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status || 0;
    this.details = details || null;
    this.body = body === undefined ? null : body;
  }
}

// UTF-8 bytes -> string, for error bodies of binary calls (no TextDecoder on
// every WeChat engine).
function decodeUtf8(buffer) {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i++];
    let cp;
    if (b < 0x80) cp = b;
    else if (b >= 0xf0) cp = ((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else if (b >= 0xe0) cp = ((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else cp = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
    out += String.fromCodePoint(cp);
  }
  return out;
}

function parseBody(data) {
  if (data === undefined || data === null) return null;
  if (typeof data === 'object' && !(data instanceof ArrayBuffer)) return data;
  try {
    return JSON.parse(data instanceof ArrayBuffer ? decodeUtf8(data) : String(data));
  } catch (e) {
    return null;
  }
}

// The ApiError for a non-2xx answer: the server's code and Chinese message.
function errorFromResponse(statusCode, data) {
  const body = parseBody(data);
  const error = body && body.error;
  if (error && error.code) {
    return new ApiError(error.code, error.message || FALLBACK_MESSAGES[statusCode] || '请求失败，请稍后再试',
      statusCode, error.details, body);
  }
  return new ApiError(statusCode >= 500 ? 'server_error' : 'http_' + statusCode,
    FALLBACK_MESSAGES[statusCode] || '服务器开小差了，请稍后再试', statusCode, null, body);
}

function encodeQuery(query) {
  const pairs = [];
  Object.keys(query || {}).forEach((key) => {
    const value = query[key];
    if (value === undefined || value === null || value === '') return;
    (Array.isArray(value) ? value : [value]).forEach((v) => {
      pairs.push(encodeURIComponent(key) + '=' + encodeURIComponent(typeof v === 'boolean' ? String(v) : v));
    });
  });
  return pairs.length ? '?' + pairs.join('&') : '';
}

function fillPath(path, params) {
  return path.replace(/\{(\w+)\}/g, (_, key) => {
    if (!params || params[key] === undefined || params[key] === null || params[key] === '') {
      throw new Error('missing path parameter ' + key + ' for ' + path);
    }
    return encodeURIComponent(params[key]);
  });
}

// Every key sent must be declared: "a" covers a whole value; "a.b" / "a[].b"
// declare the keys inside an object / a list of objects.
function checkDeclared(name, kind, declared, given, prefix) {
  const list = declared || [];
  const at = prefix || '';
  Object.keys(given || {}).forEach((key) => {
    const full = at + key;
    const value = given[key];
    if (list.indexOf(full) >= 0) return;
    const nested = list.some((d) => d.indexOf(full + '.') === 0);
    const listed = list.some((d) => d.indexOf(full + '[].') === 0);
    if (nested && value && typeof value === 'object' && !Array.isArray(value)) {
      checkDeclared(name, kind, list, value, full + '.');
    } else if (listed && Array.isArray(value)) {
      value.forEach((item) => checkDeclared(name, kind, list, item, full + '[].'));
    } else {
      throw new Error(name + ': ' + kind + ' field "' + full + '" is not declared in utils/endpoints.js');
    }
  });
}

// Builds {url, method} for an endpoint; exported for tests and downloads.
function buildUrl(apiBase, name, options) {
  const endpoint = ENDPOINTS[name];
  if (!endpoint) throw new Error('unknown endpoint ' + name);
  const opts = options || {};
  checkDeclared(name, 'query', endpoint.query, opts.query);
  checkDeclared(name, 'body', endpoint.body, opts.data);
  return apiBase + fillPath(endpoint.path, opts.params) + encodeQuery(opts.query);
}

function createClient(deps) {
  const wxApi = deps.wx;
  const config = deps.config;
  const now = deps.now || (() => Date.now());
  let loginInFlight = null;
  let loadingCount = 0;

  function showLoading(title) {
    if (!title) return false;
    loadingCount += 1;
    if (loadingCount === 1) wxApi.showLoading({ title: title, mask: true });
    return true;
  }

  function hideLoading(shown) {
    if (!shown) return;
    loadingCount = Math.max(0, loadingCount - 1);
    if (loadingCount === 0) wxApi.hideLoading();
  }

  function showError(error) {
    wxApi.showToast({ title: error.message, icon: 'none', duration: 3000 });
  }

  function rawRequest(options) {
    return new Promise((resolve, reject) => {
      wxApi.request({
        url: options.url,
        method: options.method,
        data: options.data,
        header: options.header,
        timeout: config.requestTimeout,
        responseType: options.responseType || 'text',
        dataType: options.responseType === 'arraybuffer' ? '其他' : 'json',
        success: resolve,
        fail: (res) => reject(new ApiError('network_error', NETWORK_MESSAGE, 0, { errMsg: res && res.errMsg })),
      });
    });
  }

  function storedToken() {
    const token = wxApi.getStorageSync(TOKEN_KEY);
    if (!token) return '';
    const expiresAt = Number(wxApi.getStorageSync(TOKEN_EXPIRES_KEY) || 0);
    if (expiresAt && now() > expiresAt - EXPIRY_MARGIN_MS) return '';
    return token;
  }

  function clearSession() {
    wxApi.removeStorageSync(TOKEN_KEY);
    wxApi.removeStorageSync(TOKEN_EXPIRES_KEY);
    wxApi.removeStorageSync(USER_KEY);
  }

  function devOpenid() {
    return wxApi.getStorageSync(DEV_OPENID_KEY) || config.emulator.openid;
  }

  // A one-time login code: from wx.login, or in develop from the emulator
  // (see utils/config.js for why).
  function obtainCode() {
    if (config.emulator) {
      return rawRequest({
        url: config.emulator.base + '/_emulator/login-codes',
        method: 'POST',
        data: { openid: devOpenid() },
        header: { 'content-type': 'application/json' },
      }).then((res) => {
        if (res.statusCode !== 200 || !res.data || !res.data.code) throw new ApiError('login_failed', DEV_LOGIN_MESSAGE, res.statusCode);
        return res.data.code;
      }, () => {
        throw new ApiError('login_failed', DEV_LOGIN_MESSAGE);
      });
    }
    return new Promise((resolve, reject) => {
      wxApi.login({
        success: (res) => (res.code ? resolve(res.code) : reject(new ApiError('login_failed', LOGIN_FAILED_MESSAGE))),
        fail: () => reject(new ApiError('login_failed', LOGIN_FAILED_MESSAGE)),
      });
    });
  }

  function doLogin() {
    const endpoint = ENDPOINTS['auth.login'];
    return obtainCode().then((code) => rawRequest({
      url: config.apiBase + endpoint.path,
      method: endpoint.method,
      data: { code: code },
      header: { 'content-type': 'application/json' },
    })).then((res) => {
      if (res.statusCode !== 200) throw errorFromResponse(res.statusCode, res.data);
      const body = parseBody(res.data) || {};
      wxApi.setStorageSync(TOKEN_KEY, body.token);
      wxApi.setStorageSync(TOKEN_EXPIRES_KEY, now() + Number(body.expires_in || 0) * 1000);
      wxApi.setStorageSync(USER_KEY, body.user || null);
      return body;
    });
  }

  // Single flight: every caller waiting for a login shares the same one.
  function login() {
    if (!loginInFlight) {
      loginInFlight = doLogin().then(
        (body) => { loginInFlight = null; return body; },
        (error) => { loginInFlight = null; throw error; },
      );
    }
    return loginInFlight;
  }

  function ensureToken(needsAuth) {
    if (!needsAuth) return Promise.resolve('');
    const token = storedToken();
    return token ? Promise.resolve(token) : login().then((body) => body.token);
  }

  // The request with a token; on 401 one silent re-login and one retry. When
  // another call already logged in again meanwhile, its token is used as is.
  function send(endpoint, build) {
    const needsAuth = endpoint.auth !== false;
    const attempt = (retried) => ensureToken(needsAuth).then((token) => build(token).then((res) => {
      if (res.statusCode === 401 && needsAuth && !retried) {
        const current = wxApi.getStorageSync(TOKEN_KEY);
        if (current && current !== token) return attempt(true);
        wxApi.removeStorageSync(TOKEN_KEY);
        return login().then(() => attempt(true));
      }
      return res;
    }));
    return attempt(false);
  }

  function authHeader(token, extra) {
    const header = Object.assign({}, extra || {});
    if (token) header.Authorization = 'Bearer ' + token;
    return header;
  }

  function finish(promise, opts) {
    const shown = showLoading(opts.loading);
    return promise.then(
      (value) => { hideLoading(shown); return value; },
      (error) => {
        hideLoading(shown);
        const apiError = error instanceof ApiError ? error : new ApiError('client_error', '操作失败，请稍后再试', 0, { reason: String(error && error.message) });
        if (!opts.silent) showError(apiError);
        throw apiError;
      },
    );
  }

  // The URL, or a rejected promise for a programming error (undeclared
  // field, missing parameter), which is also made loud in the console.
  function prepare(name, opts, run) {
    let url;
    try {
      url = buildUrl(config.apiBase, name, opts);
    } catch (error) {
      console.error(error);
      return Promise.reject(error);
    }
    return run(ENDPOINTS[name], url);
  }

  // call('events.get', {params: {id}, query: {...}, data: {...}, loading, silent}) -> body
  function call(name, options) {
    const opts = options || {};
    return prepare(name, opts, (endpoint, url) => finish(send(endpoint, (token) => rawRequest({
      url: url,
      method: endpoint.method,
      data: opts.data,
      header: authHeader(token, { 'content-type': 'application/json' }),
    })).then((res) => {
      if (res.statusCode >= 200 && res.statusCode < 300) return parseBody(res.data);
      throw errorFromResponse(res.statusCode, res.data);
    }), opts));
  }

  // Binary answers (PNG): {data: ArrayBuffer, header}.
  function callBinary(name, options) {
    const opts = options || {};
    return prepare(name, opts, (endpoint, url) => finish(send(endpoint, (token) => rawRequest({
      url: url, method: endpoint.method, header: authHeader(token), responseType: 'arraybuffer',
    })).then((res) => {
      if (res.statusCode >= 200 && res.statusCode < 300) return { data: res.data, header: res.header || {} };
      throw errorFromResponse(res.statusCode, res.data);
    }), opts));
  }

  // A file (PDF, XLSX) into a temporary path, with the same login handling.
  function download(name, options) {
    const opts = options || {};
    return prepare(name, opts, (endpoint, url) => finish(send(endpoint, (token) => fetchFile(url, token)).then((res) => {
      if (res.statusCode >= 200 && res.statusCode < 300) return res.tempFilePath;
      let text = null;
      try {
        text = wxApi.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8');
      } catch (e) { /* the error body could not be read: the status decides */ }
      throw errorFromResponse(res.statusCode, text);
    }), opts));
  }

  // A photo from wx.chooseMedia (filePath) sent as the multipart field
  // `file`, with the declared query (e.g. ?purpose=need_photo) and any form fields -> body.
  function upload(name, options) {
    const opts = options || {};
    return prepare(name, { params: opts.params, query: opts.query }, (endpoint, url) => finish(send(endpoint, (token) => new Promise((resolve, reject) => {
      wxApi.uploadFile({
        url: url,
        filePath: opts.filePath,
        name: 'file',
        formData: opts.formData || {},
        header: authHeader(token),
        timeout: config.requestTimeout,
        success: resolve,
        fail: (res) => reject(new ApiError('network_error', NETWORK_MESSAGE, 0, { errMsg: res && res.errMsg })),
      });
    })).then((res) => {
      if (res.statusCode >= 200 && res.statusCode < 300) return parseBody(res.data);
      throw errorFromResponse(res.statusCode, res.data);
    }), opts));
  }

  function fetchFile(url, token) {
    return new Promise((resolve, reject) => {
      wxApi.downloadFile({
        url: url,
        header: authHeader(token),
        timeout: config.requestTimeout,
        success: resolve,
        fail: (res) => reject(new ApiError('network_error', NETWORK_MESSAGE, 0, { errMsg: res && res.errMsg })),
      });
    });
  }

  function cachedUser() {
    return wxApi.getStorageSync(USER_KEY) || null;
  }

  // Develop only: log in as another demo person.
  function switchDemoPerson(openid) {
    if (!config.emulator) return Promise.reject(new Error('demo people exist only in develop'));
    wxApi.setStorageSync(DEV_OPENID_KEY, openid);
    clearSession();
    return finish(login(), { loading: '切换中' });
  }

  return {
    call, callBinary, download, upload, login: () => finish(login(), {}), clearSession, cachedUser,
    switchDemoPerson, devOpenid: () => (config.emulator ? devOpenid() : null), config,
  };
}

module.exports = {
  ApiError, createClient, buildUrl, errorFromResponse, encodeQuery, fillPath, parseBody, decodeUtf8,
  TOKEN_KEY, TOKEN_EXPIRES_KEY, USER_KEY, DEV_OPENID_KEY, NETWORK_MESSAGE,
};
