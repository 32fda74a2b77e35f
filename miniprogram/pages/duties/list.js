// 履职清单: a unit contact's duties, by status or overdue.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/needs-view');
const { itemsOf } = require('../../utils/page-data');

const FILTERS = [
  { key: 'offered', label: '待接单', query: { status: 'offered' } },
  { key: 'accepted', label: '履职中', query: { status: 'accepted' } },
  { key: 'overdue', label: '已逾期', query: { overdue: true } },
  { key: 'all', label: '全部', query: {} },
];

Page({
  data: { filters: FILTERS, filter: 'offered', duties: [], unitIds: [], loading: false },

  onShow() {
    getApp().loadUser().then((user) => {
      this.setData({ unitIds: view.unitIdsOf(user) });
      this.load();
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  pick(e) {
    this.setData({ filter: e.currentTarget.dataset.key });
    this.load();
  },

  load() {
    const unitId = this.data.unitIds[0];
    if (!unitId) return Promise.resolve();
    const filter = FILTERS.find((f) => f.key === this.data.filter);
    this.setData({ loading: true });
    return api.call('units.duties', { params: { id: unitId }, query: Object.assign({ limit: 50 }, filter.query), silent: true })
      .then((page) => this.setData({
        loading: false,
        duties: itemsOf(page).map((d) => Object.assign({}, d, {
          deadline: time.formatDateTime(d.status === 'offered' ? d.accept_by : d.due_by),
        })),
      }))
      .catch((error) => {
        this.setData({ loading: false });
        wx.showToast({ title: error.message, icon: 'none' });
      });
  },

  open(e) {
    wx.navigateTo({ url: '/pages/duties/detail?id=' + e.currentTarget.dataset.id });
  },
});
