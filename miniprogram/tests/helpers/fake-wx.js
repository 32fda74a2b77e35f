// A stand-in for the `wx` global: storage, requests answered by a handler,
// wx.login codes, and a record of what the user was shown.
function createFakeWx(options) {
  const opts = options || {};
  const storage = new Map();
  const calls = { requests: [], toasts: [], loading: [], modals: [], downloads: [], uploads: [], logins: 0, subscribeRequests: [] };
  let handler = opts.handler || (() => ({ statusCode: 404, data: { error: { code: 'not_found', message: '请求的内容不存在' } } }));
  let loadingVisible = false;
  let loginCounter = 0;

  const wx = {
    calls: calls,
    storage: storage,
    setHandler(fn) { handler = fn; },
    isLoadingVisible() { return loadingVisible; },

    getStorageSync(key) { return storage.has(key) ? storage.get(key) : ''; },
    setStorageSync(key, value) { storage.set(key, value); },
    removeStorageSync(key) { storage.delete(key); },

    request(req) {
      calls.requests.push(req);
      Promise.resolve().then(() => handler(req)).then((res) => {
        if (res && res.fail) req.fail({ errMsg: 'request:fail ' + res.fail });
        else req.success(Object.assign({ header: {} }, res));
      }, (error) => req.fail({ errMsg: 'request:fail ' + error.message }));
    },

    downloadFile(req) {
      calls.downloads.push(req);
      Promise.resolve().then(() => handler(Object.assign({ method: 'GET', download: true }, req))).then((res) => {
        if (res && res.fail) req.fail({ errMsg: 'downloadFile:fail ' + res.fail });
        else req.success({ statusCode: res.statusCode, tempFilePath: res.tempFilePath || '/tmp/file-' + calls.downloads.length });
      });
    },

    uploadFile(req) {
      calls.uploads.push(req);
      Promise.resolve().then(() => handler(Object.assign({ method: 'POST', upload: true }, req))).then((res) => {
        if (res && res.fail) req.fail({ errMsg: 'uploadFile:fail ' + res.fail });
        else req.success({ statusCode: res.statusCode, data: JSON.stringify(res.data) });
      });
    },

    getFileSystemManager() {
      return { readFileSync: (path) => (opts.files && opts.files[path]) || '' };
    },

    login(req) {
      calls.logins += 1;
      loginCounter += 1;
      if (opts.loginFails) req.fail({ errMsg: 'login:fail' });
      else req.success({ code: 'wx-code-' + loginCounter });
    },

    requestSubscribeMessage(req) {
      calls.subscribeRequests.push(req);
      const answer = opts.subscribeAnswer;
      if (answer && answer.fail) req.fail(answer.fail);
      else req.success(Object.assign({ errMsg: 'requestSubscribeMessage:ok' }, answer || {}));
    },

    showToast(o) { calls.toasts.push(o); loadingVisible = false; },
    showLoading(o) { calls.loading.push(o); loadingVisible = true; },
    hideLoading() { loadingVisible = false; },
    // Editable modals answer with the next of opts.modalContents (if any).
    showModal(o) {
      calls.modals.push(o);
      const content = (opts.modalContents || []).shift();
      if (o.success) o.success({ confirm: true, cancel: false, content: content });
    },
    showActionSheet(o) {
      calls.actionSheets = (calls.actionSheets || []).concat([o]);
      if (o.success) o.success({ tapIndex: opts.actionSheetIndex || 0 });
    },
    getAccountInfoSync() { return { miniProgram: { envVersion: opts.envVersion || 'develop' } }; },
  };
  return wx;
}

// Waits until queued promise callbacks have run.
function flush() {
  return new Promise((resolve) => setImmediate(resolve));
}

module.exports = { createFakeWx, flush };
