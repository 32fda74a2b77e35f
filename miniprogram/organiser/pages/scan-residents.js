// 扫居民码: the organiser scans residents' codes (居民码 on their phone, or a
// printed 居民卡) to check them in or out. Works with no network: every scan
// is stored on the phone first (utils/offline-queue.js) and uploaded in
// batches, at once when online, else when the network returns; the server
// applies each scan exactly once, judged by the time it was made.
const api = require('../../utils/api');
const queue = require('../../utils/offline-queue');
const view = require('../../utils/resident-scan-view');

Page({
  data: { id: null, title: '', direction: 'in', result: null, counts: { pending: 0, done: 0, refused: 0 },
    recent: [], syncing: false, online: true },

  onLoad(options) {
    this.setData({ id: Number(options.id), title: decodeURIComponent(options.title || ''),
      direction: options.direction === 'out' ? 'out' : 'in' });
  },

  onShow() {
    this.active = true;
    this.failures = 0;
    this.onNetwork = (res) => {
      this.setData({ online: res.isConnected });
      if (res.isConnected) this.sync();
    };
    wx.onNetworkStatusChange(this.onNetwork);
    wx.setKeepScreenOn({ keepScreenOn: true });
    this.refresh();
    this.sync();
  },

  onHide() {
    this.stop();
  },

  onUnload() {
    this.stop();
  },

  stop() {
    this.active = false;
    clearTimeout(this.retryTimer);
    if (this.onNetwork) wx.offNetworkStatusChange(this.onNetwork);
    wx.setKeepScreenOn({ keepScreenOn: false });
  },

  refresh() {
    const items = queue.load(wx, this.data.id);
    const recent = items.slice(-20).reverse().map((item) => ({
      nonce: item.nonce, name: item.personName || '居民', state: item.state, label: view.stateLabel(item),
      message: item.message, direction: item.direction === 'out' ? '签退' : '签到',
    }));
    this.setData({ counts: queue.summary(items), recent: recent });
    return items;
  },

  setDirection(e) {
    this.setData({ direction: e.currentTarget.dataset.direction, result: null });
  },

  scan() {
    wx.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (res) => this.record(res.result),
      fail: (err) => {
        if (!/cancel/.test((err && err.errMsg) || '')) wx.showToast({ title: '无法打开相机，请检查权限', icon: 'none' });
      },
    });
  },

  // Stored before anything is sent: a closed mini-program or a dead network loses nothing.
  record(code) {
    const item = queue.add(wx, this.data.id, { code: code, direction: this.data.direction });
    this.setData({ result: view.describeItem(Object.assign({}, item, { state: 'working' }), this.data.direction) });
    return this.sync().then(() => {
      const stored = queue.load(wx, this.data.id).find((i) => i.nonce === item.nonce) || item;
      const answer = view.describeItem(stored, this.data.direction);
      this.setData({ result: answer });
      if (answer.tone === 'success') wx.vibrateShort({ type: 'heavy' });
      else wx.vibrateLong();
    });
  },

  sync() {
    if (this.syncing) return this.syncing;
    this.setData({ syncing: true });
    this.syncing = queue.sync(wx, this.data.id, (body) => api.call('checkins.batch', {
      params: { id: this.data.id }, data: body, silent: true,
    })).then((outcome) => {
      this.syncing = null;
      this.setData({ syncing: false });
      this.refresh();
      clearTimeout(this.retryTimer);
      if (outcome.failed && this.active) {
        this.retryTimer = setTimeout(() => this.sync(), queue.retryDelayMs(this.failures));
        this.failures += 1;
      } else {
        this.failures = 0;
      }
      return outcome;
    });
    return this.syncing;
  },

  syncNow() {
    this.failures = 0;
    this.sync();
  },
});
