// 我的随手拍: the problems I reported and where each one stands.
const api = require('../../../utils/api');
const { itemsOf } = require('../../../utils/page-data');
const view = require('../../utils/report-view');

Page({
  data: { orders: [], loading: false },

  onShow() { this.load(); },

  onPullDownRefresh() { this.load().then(() => wx.stopPullDownRefresh()); },

  load() {
    this.setData({ loading: true });
    return api.call('workOrders.list', { query: { scope: 'mine', limit: 50 }, silent: true }).then((page) => {
      this.setData({ orders: itemsOf(page).map(view.row), loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) { wx.navigateTo({ url: '/reports/pages/detail/detail?id=' + e.currentTarget.dataset.id }); },

  report() { wx.navigateTo({ url: '/reports/pages/new/new' }); },
});
