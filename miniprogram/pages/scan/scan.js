// Check in by scanning the organiser's on-screen code (wx.scanCode), or by
// opening the mini-program from a printed poster's code (options.scene).
const api = require('../../utils/api');
const checkin = require('../../utils/checkin');

function getLocation() {
  return new Promise((resolve, reject) => {
    wx.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000, success: resolve, fail: reject });
  });
}

Page({
  data: {
    state: 'idle', // idle | locating | working | done
    view: null,
    canGoBack: true,
    locationDenied: false,
    elders: [], // family members I may check in (家属代签)
    forElder: null,
  },

  onLoad(options) {
    this.setData({ canGoBack: getCurrentPages().length > 1 });
    const app = getApp();
    const source = checkin.fromLaunchOptions(options);
    app.globalData.pendingCheckin = null;
    if (source) this.submit(source);
    else if (options && options.start) this.scan();
    api.call('family.mine', { silent: true })
      .then((links) => this.setData({ elders: (links.elders || []).map((l) => l.elder) })).catch(() => {});
  },

  // 家属代签: the next scan checks this family member in, not me.
  scanForElder(e) {
    const elder = this.data.elders.find((person) => person.id === Number(e.currentTarget.dataset.id)) || null;
    this.setData({ forElder: elder });
    this.scan();
  },

  scanForMe() {
    this.setData({ forElder: null });
    this.scan();
  },

  onShow() {
    // A poster scanned while this page was already open in the background.
    const app = getApp();
    const pending = app.globalData.pendingCheckin;
    if (pending) {
      app.globalData.pendingCheckin = null;
      this.submit(pending);
    }
  },

  scan() {
    if (this.data.state === 'working' || this.data.state === 'locating') return;
    wx.scanCode({
      onlyFromCamera: false,
      scanType: ['qrCode', 'wxCode'],
      success: (res) => {
        const source = checkin.fromScanResult(res);
        if (!source) {
          this.show(checkin.describe({ code: 'token_invalid' }));
          return;
        }
        this.submit(source);
      },
      fail: (err) => {
        if (!/cancel/.test((err && err.errMsg) || '')) wx.showToast({ title: '无法打开相机，请检查权限', icon: 'none' });
      },
    });
  },

  // One scan -> one answer on screen. A retry after a lost answer is harmless:
  // the server answers "already checked in" with the original time.
  // Poster scans send the phone's location; if it cannot be had, the scan
  // still goes out (the event may have no geofence) and the server decides.
  submit(source, forceLocation) {
    this.lastSource = source;
    const wantLocation = forceLocation || checkin.needsLocation(source);
    const locate = wantLocation ? this.locate() : Promise.resolve({ location: null, problem: null });
    return locate.then(({ location, problem }) => {
      this.setData({ state: 'working', view: null });
      const elder = this.data.forElder;
      const request = elder
        ? api.call('checkins.family', { data: Object.assign(checkin.checkinBody(source, location), { elder_id: elder.id }), silent: true })
        : api.call('checkins.create', { data: checkin.checkinBody(source, location), silent: true });
      return request
        .then((answer) => this.show(Object.assign(checkin.describe(answer), elder ? { title: '为' + elder.name + '：' + checkin.describe(answer).title } : {})))
        .catch((error) => {
          if (error.code === 'location_required' && problem) return this.showLocationProblem(problem);
          if (error.code === 'location_required' && !wantLocation) return this.submit(source, true);
          if (error.code === 'network_error') {
            return this.show({ tone: 'error', icon: 'warn', title: '网络不佳', detail: '签到请求没有送达，请点击「重试」；重复提交不会重复签到', action: 'retry' });
          }
          return this.show(checkin.describeError(error));
        });
    });
  },

  // -> {location, problem}: never rejects.
  locate() {
    this.setData({ state: 'locating', view: null, locationDenied: false });
    return getLocation().then(
      (location) => ({ location: location, problem: null }),
      (err) => ({ location: null, problem: checkin.locationProblem(err) }),
    );
  },

  showLocationProblem(problem) {
    this.setData({ locationDenied: problem.denied });
    this.show({ tone: 'warn', icon: 'warn', title: '需要您的位置', detail: problem.message, action: 'relocate' });
  },

  show(view) {
    this.setData({ state: 'done', view: view });
    if (view.tone === 'success') wx.vibrateShort({ type: 'medium' });
  },

  retry() {
    if (this.lastSource) this.submit(this.lastSource);
  },

  relocate() {
    if (this.data.locationDenied) {
      wx.openSetting({
        success: (res) => {
          if (res.authSetting['scope.userLocation'] && this.lastSource) this.submit(this.lastSource, true);
        },
      });
      return;
    }
    if (this.lastSource) this.submit(this.lastSource, true);
  },

  openEvent() {
    wx.navigateTo({ url: '/pages/event/detail?id=' + this.data.view.eventId });
  },

  home() {
    wx.switchTab({ url: '/pages/index/index' });
  },
});
