// 我的调解案件: the cases I mediate (or, as the lead, my community's). Each
// row names the parties, so the server audits every list read.
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const { itemsOf } = require('../../../utils/page-data');

const TABS = [{ key: 'working', label: '进行中' }, { key: 'all', label: '全部' }];
const WORKING = ['open', 'in_mediation', 'settled', 'referred', 'not_settled'];

Page({
  data: { tabs: TABS, tab: 'working', cases: [], loading: false, failed: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  pickTab(e) {
    this.setData({ tab: e.currentTarget.dataset.tab });
    this.load();
  },

  load() {
    this.setData({ loading: true, failed: false });
    return api.call('mediation.cases', { query: { limit: 50 }, silent: true }).then((page) => {
      const tab = this.data.tab;
      const cases = itemsOf(page).filter((c) => tab === 'all' || WORKING.indexOf(c.status) >= 0).map((c) => Object.assign({}, c, {
        parties: (c.party_names || []).join('、'),
        mediatorNames: (c.mediators || []).map((m) => m.name).join('、') || '待指派',
        opened: time.formatFullDate(c.created_at),
      }));
      this.setData({ cases: cases, loading: false });
    }).catch((error) => {
      this.setData({ loading: false, failed: true });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  open(e) {
    wx.navigateTo({ url: '/mediation/pages/case/case?id=' + e.currentTarget.dataset.id });
  },
});
