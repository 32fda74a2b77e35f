// 社区网格: the grids with their 网格长 and 网格员, for community staff and
// the grids' people.
const patrol = require('../../../utils/patrol');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { grids: [], loading: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    this.setData({ loading: true });
    return patrol.grids().then((page) => {
      const grids = itemsOf(page).map((g) => Object.assign({}, g, {
        leaderNames: (g.leaders || []).map((p) => p.name).join('、') || '未设置',
        workerNames: (g.workers || []).map((p) => p.name).join('、') || '未设置',
      }));
      this.setData({ grids: grids, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },
});
