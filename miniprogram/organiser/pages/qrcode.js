// The rotating check-in code, full screen on the organiser's phone or tablet.
// Each code lives a short window; the next is fetched before it expires
// (utils/qr-timer.js), and the live count below comes from the attendance API.
const api = require('../../utils/api');
const qrTimer = require('../../utils/qr-timer');
const binary = require('../../utils/binary');

const COUNT_EVERY_MS = 5000;

Page({
  data: {
    id: null,
    purpose: 'checkin',
    image: '',
    secondsLeft: 0,
    stale: false,
    problem: '',
    title: '',
    checkedIn: 0,
    checkedOut: 0,
    present: 0,
    registered: 0,
  },

  onLoad(options) {
    this.setData({ id: Number(options.id), purpose: options.purpose === 'checkout' ? 'checkout' : 'checkin' });
    wx.setNavigationBarTitle({ title: this.data.purpose === 'checkout' ? '签退码' : '签到码' });
  },

  onShow() {
    this.active = true;
    wx.setKeepScreenOn({ keepScreenOn: true });
    this.failures = 0;
    this.fetchCode();
    this.fetchCount();
    this.tick = setInterval(() => this.updateCountdown(), 500);
    this.counter = setInterval(() => this.fetchCount(), COUNT_EVERY_MS);
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
    clearInterval(this.tick);
    clearInterval(this.counter);
    wx.setKeepScreenOn({ keepScreenOn: false });
  },

  fetchCode() {
    clearTimeout(this.refreshTimer);
    const requestedAt = Date.now();
    api.callBinary('events.qrcode', {
      params: { id: this.data.id },
      query: { purpose: this.data.purpose, format: 'png' },
      silent: true,
    }).then((res) => {
      if (!this.active) return;
      this.failures = 0;
      const next = qrTimer.nextRefresh({
        refreshIn: binary.header(res.header, 'X-Token-Refresh-In'),
        expiresAt: binary.header(res.header, 'X-Token-Expires-At'),
        offsetMs: qrTimer.offsetFromHeader(res.header, requestedAt),
        now: Date.now(),
      });
      this.refreshAt = next.refreshAt;
      this.setData({ image: binary.dataUri(res.data, 'image/png'), stale: false, problem: '' });
      this.updateCountdown();
      this.refreshTimer = setTimeout(() => this.fetchCode(), next.delayMs);
    }).catch((error) => {
      if (!this.active) return;
      // Keep trying: a dropped connection in the hall must not leave a dead code up.
      this.setData({ stale: true, problem: error.message });
      this.refreshTimer = setTimeout(() => this.fetchCode(), qrTimer.retryDelay(this.failures));
      this.failures += 1;
    });
  },

  updateCountdown() {
    if (!this.refreshAt) return;
    const secondsLeft = qrTimer.countdown(this.refreshAt);
    if (secondsLeft !== this.data.secondsLeft) this.setData({ secondsLeft: secondsLeft });
  },

  fetchCount() {
    api.call('events.attendance', { params: { id: this.data.id }, silent: true }).then((a) => {
      if (!this.active) return;
      this.setData({
        title: a.title, checkedIn: a.checked_in, checkedOut: a.checked_out, present: a.present, registered: a.registered,
      });
    }).catch(() => {});
  },

  switchPurpose() {
    const purpose = this.data.purpose === 'checkin' ? 'checkout' : 'checkin';
    this.setData({ purpose: purpose, image: '' });
    wx.setNavigationBarTitle({ title: purpose === 'checkout' ? '签退码' : '签到码' });
    this.fetchCode();
  },

  refreshNow() {
    this.fetchCode();
  },

  // A link for the hall's computer: the same rotating code in any browser.
  projector() {
    api.call('events.projectorLink', { params: { id: this.data.id }, data: { purpose: this.data.purpose }, loading: '生成中' })
      .then((link) => {
        wx.setClipboardData({
          data: link.url,
          success: () => wx.showModal({
            title: '投屏链接已复制',
            content: '在会场电脑的浏览器中打开该链接，即可全屏显示自动刷新的' + (this.data.purpose === 'checkout' ? '签退码' : '签到码') + '，无需登录。链接数小时内有效，请勿外传。',
            showCancel: false,
          }),
        });
      }).catch(() => {});
  },

  // The printed poster's mini-program code (check-ins from it need location).
  poster() {
    api.download('events.poster', { params: { id: this.data.id }, query: { purpose: this.data.purpose }, loading: '生成海报码' })
      .then((filePath) => wx.previewImage({ urls: [filePath], current: filePath }))
      .catch(() => {});
  },

  attendance() {
    wx.navigateTo({ url: '/organiser/pages/attendance?id=' + this.data.id });
  },
});
