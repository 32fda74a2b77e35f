// 我的需求: the needs I raised with their status; community staff and unit
// contacts find their own lists from here too.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/needs-view');
const { itemsOf } = require('../../utils/page-data');

Page({
  data: { needs: [], scope: 'mine', loading: false, isStaff: false, hasUnit: false },

  onShow() {
    getApp().loadUser().then((user) => {
      this.setData({ isStaff: view.isCommunityStaff(user), hasUnit: view.unitIdsOf(user).length > 0 });
    }).catch(() => {});
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  pickScope(e) {
    this.setData({ scope: e.currentTarget.dataset.scope });
    this.load();
  },

  load() {
    this.setData({ loading: true });
    return api.call('needs.list', { query: { scope: this.data.scope, limit: 50 }, silent: true }).then((page) => {
      const needs = itemsOf(page).map((n) => Object.assign({}, n, {
        created: time.formatFullDate(n.created_at),
        units: (n.duties || []).map((d) => d.unit.name + '（' + d.status_label + '）').join('、'),
      }));
      this.setData({ needs: needs, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) {
    wx.navigateTo({ url: '/pages/needs/detail?id=' + e.currentTarget.dataset.id });
  },

  go(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url });
  },
});
