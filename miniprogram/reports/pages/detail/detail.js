// One work order: what was reported, where it stands and every step. The
// reporter rates or reopens it; the people of its level accept it, report
// progress, close it with evidence, escalate or reject it.
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const needsView = require('../../../utils/needs-view');
const view = require('../../utils/report-view');

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

  // One step: its call (given the request options), the toast; then the page again.
  step(send, done) {
    this.setData({ busy: true });
    return send({ params: { id: this.data.id }, loading: '提交中' }).then(() => {
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

  accept() { return this.step((o) => api.call('workOrders.accept', Object.assign(o, { data: {} })), '已受理'); },

  progress() {
    const note = this.needNote();
    if (note) this.step((o) => api.call('workOrders.progress', Object.assign(o, { data: { note: note, photo_ids: this.data.photos.map((p) => p.id) } })), '已记录进展');
  },

  close() {
    const note = this.needNote();
    if (note) this.step((o) => api.call('workOrders.close', Object.assign(o, { data: { note: note, photo_ids: this.data.photos.map((p) => p.id) } })), '已办结');
  },

  escalate() {
    const note = this.needNote();
    if (note) this.step((o) => api.call('workOrders.escalate', Object.assign(o, { data: { reason: note } })), '已上报上级');
  },

  reject(e) {
    const reason = view.REJECT_REASONS[Number(e.detail.value)];
    if (reason) this.step((o) => api.call('workOrders.reject', Object.assign(o, { data: { reason: reason.value, note: (this.data.note || '').trim() || undefined } })), '已不予受理');
  },

  submitRating() {
    this.step((o) => api.call('workOrders.rate', Object.assign(o, { data: { rating: this.data.rating, comment: (this.data.note || '').trim() || undefined } })), '感谢您的评价');
  },

  reopen() {
    const note = this.needNote();
    if (note) this.step((o) => api.call('workOrders.reopen', Object.assign(o, { data: { reason: note } })), '已申请重新办理');
  },

  preview(e) {
    wx.previewImage({ urls: [e.currentTarget.dataset.url], current: e.currentTarget.dataset.url });
  },
});
