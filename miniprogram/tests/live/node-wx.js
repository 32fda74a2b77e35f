// `wx` over real HTTP (Node's fetch), so the mini-program's own request
// wrapper can drive a running backend: wx.request, wx.downloadFile, storage.
const fs = require('fs');
const os = require('os');
const path = require('path');

function createNodeWx() {
  const storage = new Map();
  let downloads = 0;

  async function send(req, binary) {
    const headers = Object.assign({}, req.header || {});
    const init = { method: req.method || 'GET', headers: headers };
    if (req.data !== undefined && init.method !== 'GET') {
      init.body = JSON.stringify(req.data);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(req.url, init);
    const header = {};
    res.headers.forEach((value, key) => { header[key] = value; });
    const buffer = await res.arrayBuffer();
    let data = buffer;
    if (!binary) {
      const text = Buffer.from(buffer).toString('utf8');
      try { data = text ? JSON.parse(text) : ''; } catch (e) { data = text; }
    }
    return { statusCode: res.status, header: header, data: data, raw: buffer };
  }

  return {
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    request(req) {
      send(req, req.responseType === 'arraybuffer').then(
        (res) => req.success({ statusCode: res.statusCode, header: res.header, data: res.data }),
        (error) => req.fail({ errMsg: 'request:fail ' + error.message }));
    },
    downloadFile(req) {
      send(req, true).then((res) => {
        downloads += 1;
        const file = path.join(os.tmpdir(), 'jusha-live-' + process.pid + '-' + downloads);
        fs.writeFileSync(file, Buffer.from(res.raw));
        req.success({ statusCode: res.statusCode, tempFilePath: file });
      }, (error) => req.fail({ errMsg: 'downloadFile:fail ' + error.message }));
    },
    getFileSystemManager: () => ({ readFileSync: (file, encoding) => fs.readFileSync(file, encoding) }),
    login: (o) => o.fail({ errMsg: 'login:fail no WeChat here' }),
    showToast: () => {},
    showLoading: () => {},
    hideLoading: () => {},
  };
}

module.exports = { createNodeWx };
