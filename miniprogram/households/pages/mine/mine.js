// 我的联户: the households I am paired with (overdue ones first), my 联户证
// and the messages households left me.
const api = require('../../../utils/api');
const view = require('../../utils/view');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { households: [], loading: true, failed: false, newRequests: 0 },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    this.setData({ loading: true, failed: false });
    api.call('households.requests', { query: { limit: 1 }, silent: true })
      .then((page) => this.setData({ newRequests: page.new || 0 })).catch(() => {});
    return api.call('households.mine', { query: { limit: 100 }, silent: true }).then((page) => {
      this.setData({ households: itemsOf(page).map(view.householdRow), loading: false });
    }).catch((error) => {
      this.setData({ loading: false, failed: true });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) {
    wx.navigateTo({ url: '/households/pages/detail/detail?id=' + e.currentTarget.dataset.id });
  },

  go(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url });
  },
});
