// 党史竞赛: the offline contests (党史学习亮初心). With ?judging=1, the
// contests I judge, each opening the score entry.
const api = require('../../../utils/api');
const { itemsOf } = require('../../../utils/page-data');

const STATUS = { open: '进行中', closed: '已结束' };

Page({
  data: { judging: false, contests: [], state: 'loading' },

  onLoad(options) {
    const judging = !!(options && options.judging);
    this.setData({ judging: judging });
    wx.setNavigationBarTitle({ title: judging ? '竞赛评委计分' : '党史竞赛成绩' });
  },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const query = { limit: 50 };
    if (this.data.judging) query.judging = true;
    return api.call('hall.contests', { query: query, silent: true }).then((page) => {
      const contests = itemsOf(page).map((c) => Object.assign({}, c, {
        statusLabel: STATUS[c.status] || c.status,
        roleLabel: c.my_role.head_judge ? '裁判长' : (c.my_role.judge ? '评委' : ''),
      }));
      this.setData({ contests: contests, state: contests.length ? 'ready' : 'empty' });
    }).catch((error) => {
      this.setData({ state: 'failed' });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) {
    const contest = this.data.contests[e.currentTarget.dataset.index];
    const score = this.data.judging && contest.my_role.judge && contest.status === 'open';
    wx.navigateTo({ url: (score ? '/hall/pages/score/score?id=' : '/hall/pages/result/result?id=') + contest.id });
  },
});
