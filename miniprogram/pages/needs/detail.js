// One need: its status, units and timeline. The raiser rates, reopens or
// cancels; community staff confirm or refuse a claim and go to dispatch; a
// unit's contact claims an open public need (抢单).
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/needs-view');

Page({
  data: { need: null, steps: [], duties: [], unitIds: [], canClaim: false, rating: 5, comment: '', ratingDutyId: null },

  onLoad(options) {
    this.needId = Number(options.id);
    getApp().loadUser().then((user) => this.setData({ unitIds: view.unitIdsOf(user) })).catch(() => {});
  },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const id = this.needId;
    return Promise.all([
      api.call('needs.get', { params: { id: id }, silent: true }),
      api.call('needs.timeline', { params: { id: id }, silent: true }),
    ]).then(([need, steps]) => {
      const now = Date.now();
      const duties = (need.duties || []).map((d) => Object.assign({}, d, view.raiserActions(need, d, now), {
        stars: d.rating ? view.stars(d.rating) : '',
        due: d.due_by ? time.formatDateTime(d.due_by) : '',
        evidence_urls: (d.evidence || []).map((p) => p.url).filter(Boolean),
      }));
      this.setData({
        need: Object.assign({}, need, { urgency_label: view.labelOf(view.URGENCIES, need.urgency) }),
        duties: duties,
        steps: (steps || []).map((s) => Object.assign({}, s, { when: time.formatDateTime(s.at) })),
        canClaim: need.is_public && need.status === 'open' && this.data.unitIds.length > 0,
        cancellable: (need.mine || need.can_manage) && ['open', 'claimed', 'dispatched'].indexOf(need.status) >= 0,
      });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  ask(title, then) {
    wx.showModal({ title: title, editable: true, placeholderText: '请填写原因', success: (res) => {
      if (res.confirm) then((res.content || '').trim());
    } });
  },

  cancel() {
    this.ask('取消需求', (reason) => api.call('needs.cancel', { params: { id: this.needId }, data: { reason: reason }, loading: '提交中' })
      .then(() => this.load()).catch(() => {}));
  },

  claim() {
    api.call('needs.claim', { params: { id: this.needId }, data: { unit_id: this.data.unitIds[0] }, loading: '抢单中' })
      .then(() => { wx.showToast({ title: '已抢单，等待社区确认', icon: 'none' }); this.load(); })
      .catch(() => this.load());
  },

  dispatch() {
    wx.navigateTo({ url: '/pages/needs/dispatch?id=' + this.needId });
  },

  confirmClaim(e) {
    api.call('duties.confirm', { params: { id: e.currentTarget.dataset.id }, data: {}, loading: '提交中' })
      .then(() => this.load()).catch(() => {});
  },

  refuseClaim(e) {
    const id = e.currentTarget.dataset.id;
    this.ask('不同意抢单', (reason) => api.call('duties.refuse', { params: { id: id }, data: { reason: reason }, loading: '提交中' })
      .then(() => this.load()).catch(() => {}));
  },

  startRating(e) {
    this.setData({ ratingDutyId: e.currentTarget.dataset.id, rating: 5, comment: '' });
  },

  pickStars(e) {
    this.setData({ rating: Number(e.currentTarget.dataset.n) });
  },

  commentInput(e) {
    this.setData({ comment: e.detail.value });
  },

  rate() {
    const data = { rating: this.data.rating };
    if (this.data.comment.trim()) data.comment = this.data.comment.trim();
    api.call('duties.rate', { params: { id: this.data.ratingDutyId }, data: data, loading: '提交中' })
      .then(() => { this.setData({ ratingDutyId: null }); this.load(); }).catch(() => {});
  },

  reopen(e) {
    const id = e.currentTarget.dataset.id;
    this.ask('问题没有解决，重新办理', (reason) => api.call('duties.reopen', { params: { id: id }, data: { reason: reason }, loading: '提交中' })
      .then(() => this.load()).catch(() => {}));
  },

  preview(e) {
    wx.previewImage({ urls: e.currentTarget.dataset.urls, current: e.currentTarget.dataset.url });
  },
});
