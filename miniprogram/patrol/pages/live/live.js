// 巡防中: the timer, the checkpoints, scanning a checkpoint's code
// (wx.scanCode) or arriving within its radius, the track sent in batches
// (wx.getLocation every 10 s while the page is open), reporting a problem,
// and ending the patrol.
const patrol = require('../../../utils/patrol');

const LOCATE_EVERY_MS = 10000;

Page({
  data: { id: null, patrol: null, open: false, elapsed: '00:00:00', distance: '0 米', checkpoints: [], progress: '',
    next: null, unsent: 0 },

  onLoad(options) {
    this.buffer = patrol.createTrackBuffer();
    this.setData({ id: Number(options.id) });
    this.load();
  },

  onUnload() {
    this.stopTimers();
    this.flush(true);
  },

  load() {
    return patrol.load(this.data.id).then((p) => this.show(p)).catch((error) => {
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  show(p) {
    const state = patrol.checkpointState(p);
    const open = p.status === 'open';
    this.setData({ patrol: p, open: open, checkpoints: state.items, progress: state.progress, next: state.next,
      distance: patrol.formatDistance(p.distance_m) });
    if (open) this.startTimers();
    else this.stopTimers();
    this.tick();
  },

  startTimers() {
    if (this.timer) return;
    wx.setKeepScreenOn({ keepScreenOn: true });
    this.timer = setInterval(() => this.tick(), 1000);
    this.locator = setInterval(() => this.locate(), LOCATE_EVERY_MS);
    this.locate();
  },

  stopTimers() {
    if (this.timer) clearInterval(this.timer);
    if (this.locator) clearInterval(this.locator);
    this.timer = null;
    this.locator = null;
  },

  tick() {
    const p = this.data.patrol;
    if (!p) return;
    const end = p.ended_at ? Date.parse(p.ended_at) : Date.now();
    this.setData({ elapsed: patrol.formatElapsed(patrol.elapsedSince(p.started_at, end)) });
  },

  locate() {
    wx.getLocation({
      type: 'gcj02',
      success: (location) => {
        this.buffer.add(location, Date.now());
        this.setData({ unsent: this.buffer.size() });
        this.flush(false);
      },
      fail: () => {},
    });
  },

  // Send a batch when one is ready (or whatever is waiting, when forced).
  flush(force) {
    if (!this.buffer || !this.buffer.ready(force)) return Promise.resolve();
    const points = this.buffer.take();
    return patrol.sendTrack(this.data.id, points).then((answer) => {
      this.buffer.sent();
      this.setData({ distance: patrol.formatDistance(answer.distance_m), unsent: this.buffer.size() });
      if (force && this.buffer.ready(true)) return this.flush(true);
      return null;
    }).catch((error) => {
      if (error.code === 'patrol_not_open') { this.buffer.sent(); this.load(); return; }
      this.buffer.failed(); // kept for the next try
    });
  },

  scan() {
    wx.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (res) => this.passed(patrol.passByCode(this.data.id, res.result)),
      fail: () => {},
    });
  },

  arrive() {
    const next = this.data.next;
    if (!next) return;
    wx.getLocation({
      type: 'gcj02',
      isHighAccuracy: true,
      success: (location) => this.passed(patrol.passByLocation(this.data.id, next.id, location)),
      fail: () => wx.showToast({ title: '无法获取位置，请扫描巡防点二维码', icon: 'none' }),
    });
  },

  passed(request) {
    return request.then((answer) => {
      const p = Object.assign({}, this.data.patrol, answer.patrol);
      this.show(p);
      wx.vibrateShort({ type: 'medium' });
      wx.showToast({ title: answer.newly_passed ? '打卡成功' : '该点已打过卡', icon: answer.newly_passed ? 'success' : 'none' });
    }).catch((error) => wx.showModal({ title: '打卡未成功', content: error.message, showCancel: false }));
  },

  report() {
    wx.navigateTo({ url: this.data.patrol.report_page });
  },

  finish() {
    wx.showModal({
      title: '结束巡防',
      content: '确认结束本次巡防吗？' + this.data.progress,
      success: (res) => {
        if (!res.confirm) return;
        this.flush(true).then(() => patrol.end(this.data.id)).then((p) => {
          this.stopTimers();
          this.load();
          const credited = p.service_minutes ? '，计入志愿服务时长 ' + p.service_minutes + ' 分钟（待审核）' : '';
          wx.showModal({ title: '巡防已结束', content: '巡防距离 ' + patrol.formatDistance(p.distance_m) + credited,
            showCancel: false });
        }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
      },
    });
  },
});
