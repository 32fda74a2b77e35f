// One work order: what was reported, where it stands and every step. The
// reporter rates or reopens it; the people of its level accept it, report
// progress, close it with evidence, escalate or reject it.
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const needsView = require('../../../utils/needs-view');
const view = require('../../utils/report-view');

// The calls of the handler's and the reporter's steps, each given its request options.
const CALLS = {
  accept: (o) => api.call('workOrders.accept', o),
  progress: (o) => api.call('workOrders.progress', o),
  close: (o) => api.call('workOrders.close', o),
  escalate: (o) => api.call('workOrders.escalate', o),
  reject: (o) => api.call('workOrders.reject', o),
  rate: (o) => api.call('workOrders.rate', o),
  reopen: (o) => api.call('workOrders.reopen', o),
};

Page({
  data: {
    id: null, order: null, steps: [], can: {}, note: '', photos: [], rating: 5, stars: '', busy: false,
    rejectReasons: view.REJECT_REASONS,
  },

  onLoad(query) { this.setData({ id: Number(query.id) }); },

  onShow() { this.load(); },

  load() {
    const params = { id: this.data.id };
    return Promise.all([
      api.call('workOrders.get', { params: params, silent: true }),
      api.call('workOrders.timeline', { params: params, silent: true }),
    ]).then(([order, steps]) => {
      this.setData({
        order: view.row(order), can: view.can(order), stars: view.stars(this.data.rating),
        reopenUntil: order.reopen_until ? time.formatDateTime(order.reopen_until) : '',
        steps: (steps || []).map((s) => Object.assign({}, s, { when: time.formatDateTime(s.at) })),
      });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  input(e) { this.setData({ [e.currentTarget.dataset.field]: e.detail.value }); },

  rate(e) {
    const rating = Number(e.currentTarget.dataset.value);
    this.setData({ rating: rating, stars: view.stars(rating) });
  },

  addPhotos() {
    needsView.choosePhotos(wx, api, view.PHOTO_LIMIT - this.data.photos.length, 'report_photo').then((uploaded) => {
      this.setData({ photos: this.data.photos.concat(uploaded) });
    }).catch(() => {});
  },

  // One step: its call with the body, the toast; then the page again.
  step(action, data, done) {
    this.setData({ busy: true });
    return CALLS[action]({ params: { id: this.data.id }, data: data, loading: '提交中' }).then(() => {
      this.setData({ busy: false, note: '', photos: [] });
      wx.showToast({ title: done, icon: 'none' });
      return this.load();
    }).catch(() => this.setData({ busy: false }));
  },

  needNote() {
    if ((this.data.note || '').trim()) return this.data.note.trim();
    wx.showToast({ title: '请先填写说明', icon: 'none' });
    return null;
  },

  photoIds() { return this.data.photos.map((p) => p.id); },

  optionalNote() { return (this.data.note || '').trim() || undefined; },

  accept() { return this.step('accept', {}, '已受理'); },

  progress() {
    const note = this.needNote();
    if (note) this.step('progress', { note: note, photo_ids: this.photoIds() }, '已记录进展');
  },

  close() {
    const note = this.needNote();
    if (note) this.step('close', { note: note, photo_ids: this.photoIds() }, '已办结');
  },

  escalate() {
    const note = this.needNote();
    if (note) this.step('escalate', { reason: note }, '已上报上级');
  },

  reject(e) {
    const reason = view.REJECT_REASONS[Number(e.detail.value)];
    if (reason) this.step('reject', { reason: reason.value, note: this.optionalNote() }, '已不予受理');
  },

  submitRating() {
    this.step('rate', { rating: this.data.rating, comment: this.optionalNote() }, '感谢您的评价');
  },

  reopen() {
    const note = this.needNote();
    if (note) this.step('reopen', { reason: note }, '已申请重新办理');
  },

  preview(e) {
    wx.previewImage({ urls: [e.currentTarget.dataset.url], current: e.currentTarget.dataset.url });
  },
});
