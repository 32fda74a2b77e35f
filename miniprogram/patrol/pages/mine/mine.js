// 我的巡防: my patrols, resuming the one in progress, starting a new one on a
// route of my squad's patrol team.
const patrol = require('../../../utils/patrol');
const time = require('../../../utils/time');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { patrols: [], routes: [], routeIndex: 0, currentId: null, loading: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    this.setData({ loading: true });
    const current = patrol.current().then((p) => p.id).catch(() => null);
    return Promise.all([patrol.myPatrols(), patrol.myTeams(), current]).then(([page, teams, currentId]) => {
      const patrols = itemsOf(page).map((p) => Object.assign({}, p, {
        when: time.formatDateTime(p.started_at),
        distance: patrol.formatDistance(p.distance_m),
        service: p.service_minutes ? '计入志愿时长 ' + time.formatMinutes(p.service_minutes) : '',
      }));
      this.setData({ patrols: patrols, routes: patrol.startableRoutes(teams), currentId: currentId, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  pickRoute(e) {
    this.setData({ routeIndex: Number(e.detail.value) });
  },

  start() {
    const route = this.data.routes[this.data.routeIndex];
    if (!route) return;
    patrol.start(route.id).then((p) => {
      wx.navigateTo({ url: '/patrol/pages/live/live?id=' + p.id });
    }).catch((error) => {
      if (error.code === 'patrol_already_open' && error.details && error.details.patrol_id) {
        wx.navigateTo({ url: '/patrol/pages/live/live?id=' + error.details.patrol_id });
        return;
      }
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  resume() {
    wx.navigateTo({ url: '/patrol/pages/live/live?id=' + this.data.currentId });
  },

  open(e) {
    wx.navigateTo({ url: '/patrol/pages/live/live?id=' + e.currentTarget.dataset.id });
  },
});
