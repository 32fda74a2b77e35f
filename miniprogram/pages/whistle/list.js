// 基层吹哨: whistles I may see. Community staff blow a new one and follow its
// roll call; a unit's contacts open the ones addressed to their unit to report.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/whistle-view');

Page({
  data: { items: [], loading: true, canRaise: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return Promise.all([
      getApp().loadUser(true),
      api.call('whistles.list', { query: { limit: 50 }, silent: true }),
      api.call('communities.list', { silent: true }),
    ]).then(([user, page, communities]) => {
      this.setData({
        loading: false,
        canRaise: view.staffCommunities(user, communities).length > 0,
        items: ((page && page.items) || []).map((w) => ({
          id: w.id,
          title: w.title,
          community: (w.community && w.community.name) || '',
          place: w.place || '',
          status: view.STATUS_LABELS[w.status] || w.status,
          open: w.status === 'open',
          neededBy: time.formatDateTime(w.needed_by),
          reported: w.reported_count + '/' + w.unit_count,
          manage: w.can_manage,
          mine: (w.my_unit_ids || []).length > 0,
        })),
      });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  raise() {
    wx.navigateTo({ url: '/pages/whistle/raise' });
  },

  open(e) {
    const { id, manage } = e.currentTarget.dataset;
    wx.navigateTo({ url: (manage ? '/pages/whistle/rollcall?id=' : '/pages/whistle/report?id=') + id });
  },
});
