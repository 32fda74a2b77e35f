// 联户家庭: the household's members and notes, and its 联户记录本; the paired
// party member logs a visit from here.
const api = require('../../../utils/api');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { id: null, household: null, visits: [], loading: true },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
  },

  onShow() {
    this.load();
  },

  load() {
    const params = { id: this.data.id };
    return Promise.all([
      api.call('households.get', { params: params, silent: true }),
      api.call('households.visits', { params: params, query: { limit: 50 }, silent: true }),
    ]).then(([household, visits]) => {
      this.setData({ household: household, visits: itemsOf(visits), loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  logVisit() {
    wx.navigateTo({ url: '/households/pages/visit/visit?id=' + this.data.id });
  },

  call(e) {
    wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone, fail: () => {} });
  },
});
