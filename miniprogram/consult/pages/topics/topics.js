// 社区议事: the topics of my community, open ones first (as 新沙社区's members
// meet under their corridor to settle community matters).
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { topics: [], loading: false, failed: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    this.setData({ loading: true, failed: false });
    return api.call('consultations.list', { query: { limit: 50 }, silent: true }).then((page) => {
      const topics = itemsOf(page).map((t) => Object.assign({}, t, { opened: time.formatFullDate(t.created_at) }));
      topics.sort((x, y) => (x.status === 'open' ? 0 : 1) - (y.status === 'open' ? 0 : 1));
      this.setData({ topics: topics, loading: false });
    }).catch((error) => {
      this.setData({ loading: false, failed: true });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) {
    wx.navigateTo({ url: '/consult/pages/topic/topic?id=' + e.currentTarget.dataset.id });
  },
});
