// 党史知识竞赛: the contests (running first), with 每日一练 and 错题本.
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const view = require('../../utils/quiz-view');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { contests: [], loading: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    this.setData({ loading: true });
    return api.call('quiz.contests', { query: { limit: 50 }, silent: true }).then((page) => {
      const contests = itemsOf(page).map((c) => Object.assign({}, c, {
        line: view.contestLine(c), stateLabel: view.STATES[c.state],
        period: time.formatFullDate(c.starts_at) + ' 至 ' + time.formatFullDate(c.ends_at),
      }));
      this.setData({ contests: contests, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) {
    wx.navigateTo({ url: '/quiz/pages/contest/contest?id=' + e.currentTarget.dataset.id });
  },

  go(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url });
  },
});
