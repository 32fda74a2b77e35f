// 学习档案: lectures and party days attended, service hours (and per year),
// and what other areas add (online learning, contests), for a chosen year.
const api = require('../../../utils/api');
const view = require('../../utils/party-view');

function yearsUpTo(current) {
  const years = [];
  for (let y = current; y >= current - 5; y -= 1) years.push(String(y));
  return years;
}

Page({
  data: { years: [], yearIndex: 0, record: null, failed: false },

  onLoad() {
    const current = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear(); // the year in Beijing
    this.setData({ years: yearsUpTo(current) });
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const year = Number(this.data.years[this.data.yearIndex]);
    return api.call('party.learning', { query: { year: year }, silent: true }).then((record) => {
      this.setData({ record: view.learningView(record), failed: false });
    }).catch((error) => {
      this.setData({ failed: true });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  pickYear(e) {
    this.setData({ yearIndex: Number(e.detail.value) });
    this.load();
  },
});
