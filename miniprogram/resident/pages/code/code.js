// 我的居民码: shown to the organiser at the door by people who find scanning
// hard. The code changes every minute (a screenshot sent on stops working);
// the next is fetched before it expires (utils/qr-timer.js), and the screen
// stays on and bright while it is shown.
const api = require('../../../utils/api');
const qrTimer = require('../../../utils/qr-timer');
const binary = require('../../../utils/binary');

Page({
  data: { image: '', name: '', stale: false, problem: '' },

  onShow() {
    this.active = true;
    this.failures = 0;
    wx.setKeepScreenOn({ keepScreenOn: true });
    wx.getScreenBrightness({ success: (res) => { this.brightness = res.value; } });
    wx.setScreenBrightness({ value: 1 });
    getApp().loadUser().then((user) => this.setData({ name: (user && user.name) || '' })).catch(() => {});
    this.fetchCode();
  },

  onHide() {
    this.stop();
  },

  onUnload() {
    this.stop();
  },

  stop() {
    this.active = false;
    clearTimeout(this.refreshTimer);
    wx.setKeepScreenOn({ keepScreenOn: false });
    if (typeof this.brightness === 'number') wx.setScreenBrightness({ value: this.brightness });
  },

  fetchCode() {
    clearTimeout(this.refreshTimer);
    const requestedAt = Date.now();
    api.callBinary('residents.myCode', { query: { format: 'png' }, silent: true }).then((res) => {
      if (!this.active) return;
      this.failures = 0;
      const next = qrTimer.nextRefresh({
        refreshIn: binary.header(res.header, 'X-Token-Refresh-In'),
        expiresAt: binary.header(res.header, 'X-Token-Expires-At'),
        offsetMs: qrTimer.offsetFromHeader(res.header, requestedAt),
        now: Date.now(),
      });
      this.setData({ image: binary.dataUri(res.data, 'image/png'), stale: false, problem: '' });
      this.refreshTimer = setTimeout(() => this.fetchCode(), next.delayMs);
    }).catch((error) => {
      if (!this.active) return;
      this.setData({ stale: true, problem: error.message });
      this.refreshTimer = setTimeout(() => this.fetchCode(), qrTimer.retryDelay(this.failures));
      this.failures += 1;
    });
  },
});
