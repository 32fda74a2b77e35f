const api = require('../../utils/api');
const time = require('../../utils/time');
const eventView = require('../../utils/event-view');
const { today, settle, itemsOf, listState, LOAD_FAILED } = require('../../utils/page-data');

// Community activities shown on the welfare-day card (my community's first).
const WELFARE_PREVIEW = 4;

Page({
  data: {
    loading: true,
    failed: '',
    welfareDay: null,
    welfareActivities: [],
    lectures: [],
    activities: [],
    registrations: [],
    // Each section's state (page-data.listState): only 'empty' says "暂无…".
    states: { welfare: 'loading', lectures: 'loading', activities: 'loading', registrations: 'loading' },
    loadFailed: LOAD_FAILED,
  },

  onLoad() {
    this.load();
  },

  onShow() {
    // Coming back from a detail page where the person registered or cancelled.
    if (this.loadedOnce) this.loadRegistrations();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const from = today();
    const list = (kind, limit) => api.call('events.list', { query: { kind: kind, from: from, group: true, limit: limit }, silent: true });
    return settle([
      // Grouped: the month's welfare day comes once, its community activities
      // nested in it, the person's own community first.
      list('welfare_day', 1),
      list('lecture', 3),
      list('volunteer_activity', 3),
      this.fetchRegistrations(),
    ]).then(([welfare, lectures, activities, registrations]) => {
      this.loadedOnce = true;
      const failures = [welfare, lectures, activities].filter((r) => !r.ok);
      const next = welfare.ok ? itemsOf(welfare.value).find((e) => !e.parent_id) || null : null;
      this.setData({
        loading: false,
        failed: failures.length ? failures[0].error.message : '',
        welfareDay: next ? this.welfareView(next) : null,
        welfareActivities: next ? eventView.nested(next, undefined, WELFARE_PREVIEW).preview : [],
        lectures: lectures.ok ? itemsOf(lectures.value) : [],
        activities: activities.ok ? itemsOf(activities.value) : [],
        registrations: registrations.ok ? registrations.value : [],
        states: {
          welfare: listState(welfare, next ? [next] : []),
          lectures: listState(lectures),
          activities: listState(activities),
          registrations: listState(registrations),
        },
      });
    });
  },

  welfareView(event) {
    return {
      id: event.id,
      title: event.title,
      theme: event.theme || '',
      date: time.formatFullDate(event.starts_at) + ' ' + time.WEEKDAYS[time.parts(event.starts_at).weekday],
      day: time.relativeDay(event.starts_at),
    };
  },

  fetchRegistrations() {
    return api.call('me.registrations', { query: { limit: 5 }, silent: true }).then((page) => itemsOf(page)
      .filter((r) => r.event && r.status !== 'cancelled')
      .map((r) => Object.assign({}, r.event, {
        registration_required: r.binding !== false,
        my_registration: { status: r.status, position: r.position },
      })));
  },

  loadRegistrations() {
    this.fetchRegistrations().then((registrations) => this.setData({
      registrations: registrations, 'states.registrations': registrations.length ? 'ready' : 'empty',
    })).catch(() => {});
  },

  openWelfareDay() {
    wx.navigateTo({ url: '/pages/event/detail?id=' + this.data.welfareDay.id });
  },

  openEvent(e) {
    wx.navigateTo({ url: '/pages/event/detail?id=' + e.currentTarget.dataset.id });
  },

  scan() {
    wx.navigateTo({ url: '/pages/scan/scan?start=1' });
  },

  allEvents(e) {
    getApp().globalData.eventsKind = e.currentTarget.dataset.kind || '';
    wx.switchTab({ url: '/pages/events/list' });
  },

  onShareAppMessage() {
    return { title: '聚沙 · 爱在下沙每一天', path: '/pages/index/index' };
  },
});
