const api = require('../../utils/api');
const time = require('../../utils/time');
const eventView = require('../../utils/event-view');
const format = require('../../utils/format');
const { itemsOf, listState } = require('../../utils/page-data');

const LOOK_BACK_DAYS = 14;

Page({
  data: {
    current: [],
    past: [],
    loading: true,
    allowed: true,
    // 'failed' keeps "暂无进行中的活动" off the screen when the list could not load.
    state: 'loading',
    loadError: '',
  },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return getApp().loadUser().then((user) => {
      if (!format.isOrganiser(user)) {
        this.setData({ allowed: false, loading: false });
        return null;
      }
      const from = time.toPickers(Date.now() - LOOK_BACK_DAYS * 86400000).date;
      return api.call('events.list', { query: { mine: true, from: from, limit: 50 }, silent: true }).then((page) => {
        const now = Date.now();
        const events = itemsOf(page).map((e) => Object.assign(eventView.card(e), {
          ended: e.phase === 'ended' || time.parse(e.ends_at) < now,
          creditsHours: Boolean(e.credits_hours),
        }));
        this.setData({
          loading: false,
          state: listState({ ok: true }, events),
          loadError: '',
          current: events.filter((e) => !e.ended && !e.cancelled),
          past: events.filter((e) => e.ended || e.cancelled).reverse(),
        });
      });
    }).catch((error) => {
      this.setData({ loading: false, state: 'failed', loadError: error.message || '' });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  go(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url });
  },
});
