// 我的工单: the orders at my level waiting for me (a grid's workers and
// leader, the community's staff, the office), or every order I may see.
const api = require('../../../utils/api');
const { itemsOf } = require('../../../utils/page-data');
const view = require('../../utils/report-view');

Page({
  data: { scope: 'todo', overdue: false, orders: [], total: 0, loading: false },

  onShow() { this.load(); },

  onPullDownRefresh() { this.load().then(() => wx.stopPullDownRefresh()); },

  pickScope(e) {
    this.setData({ scope: e.currentTarget.dataset.scope });
    this.load();
  },

  toggleOverdue(e) {
    this.setData({ overdue: e.detail.value });
    this.load();
  },

  load() {
    this.setData({ loading: true });
    const query = { scope: this.data.scope, limit: 50 };
    if (this.data.overdue) query.overdue = true;
    return api.call('workOrders.list', { query: query, silent: true }).then((page) => {
      this.setData({ orders: itemsOf(page).map(view.row), total: page.total || 0, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) { wx.navigateTo({ url: '/reports/pages/detail/detail?id=' + e.currentTarget.dataset.id }); },
});
