const api = require('../../utils/api');
const eventView = require('../../utils/event-view');
const { today, itemsOf, listState } = require('../../utils/page-data');

const KINDS = [
  { value: '', label: '全部' },
  { value: 'lecture', label: '共享党课' },
  { value: 'welfare_day', label: '市民公益日' },
  { value: 'volunteer_activity', label: '志愿活动' },
  { value: 'party_day', label: '主题党日' },
];
const PAGE_SIZE = 20;

Page({
  data: {
    kinds: KINDS,
    kind: '',
    communities: [{ id: 0, name: '全部社区' }],
    communityIndex: 0,
    items: [],
    total: 0,
    loading: false,
    finished: false,
    // page-data.listState of the first page: a failure is not "暂无…".
    state: 'loading',
    loadError: '',
  },

  onLoad() {
    Promise.all([
      api.call('communities.list', { silent: true }),
      getApp().loadUser().catch(() => null),
    ]).then(([list, user]) => {
      this.setData({ communities: eventView.communityChoices(list, user) });
    }).catch(() => {});
  },

  onShow() {
    const app = getApp();
    const wanted = app.globalData.eventsKind;
    if (wanted !== undefined && wanted !== null) {
      app.globalData.eventsKind = null;
      this.setData({ kind: wanted });
      this.reload();
    } else if (!this.loaded) {
      this.reload();
    }
  },

  onPullDownRefresh() {
    this.reload().then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    if (!this.data.finished && !this.data.loading) this.fetch(false);
  },

  pickKind(e) {
    this.setData({ kind: e.currentTarget.dataset.kind });
    this.reload();
  },

  pickCommunity(e) {
    this.setData({ communityIndex: Number(e.detail.value) });
    this.reload();
  },

  reload() {
    this.loaded = true;
    this.setData({ items: [], finished: false, state: 'loading', loadError: '' });
    return this.fetch(true);
  },

  fetch(first) {
    const community = this.data.communities[this.data.communityIndex];
    // group: a welfare day is one row with its community activities nested.
    const query = { from: today(), group: true, limit: PAGE_SIZE, offset: first ? 0 : this.data.items.length };
    if (this.data.kind) query.kind = this.data.kind;
    if (community && community.id) query.community = community.id;
    this.setData({ loading: true });
    return api.call('events.list', { query: query }).then((page) => {
      const fresh = itemsOf(page).map((e) => Object.assign({}, e, { nested: eventView.nested(e) }));
      const items = (first ? [] : this.data.items).concat(fresh);
      const total = page && page.total !== undefined ? page.total : items.length;
      this.setData({ items: items, total: total, loading: false, finished: items.length >= total || !itemsOf(page).length,
        state: listState({ ok: true }, items), loadError: '' });
    }).catch((error) => this.setData({
      loading: false, loadError: error.message || '', state: first ? listState({ ok: false }) : this.data.state,
    }));
  },

  // Show or fold a welfare day's other communities.
  toggleDay(e) {
    const index = Number(e.currentTarget.dataset.index);
    const item = this.data.items[index];
    if (item && item.nested) this.setData({ ['items[' + index + '].nested.expanded']: !item.nested.expanded });
  },

  openEvent(e) {
    wx.navigateTo({ url: '/pages/event/detail?id=' + e.currentTarget.dataset.id });
  },
});
