// 调解案件详情: parties, sessions with notes, outcome, follow-ups, and the
// agreement PDF of a settled case. Reading it is audited on the server.
const api = require('../../../utils/api');
const time = require('../../../utils/time');

function present(c) {
  return Object.assign({}, c, {
    opened: time.formatFullDate(c.created_at),
    decided: c.outcome_at ? time.formatFullDate(c.outcome_at) : '',
    followUps: (c.follow_ups || []).map((v) => Object.assign({}, v, { when: time.formatDateTime(v.visited_at) })),
    canSession: c.can_work && (c.status === 'open' || c.status === 'in_mediation'),
    canFollowUp: c.can_work && ['settled', 'referred', 'not_settled'].indexOf(c.status) >= 0,
    hasAgreement: c.outcome === 'settled',
  });
}

Page({
  data: { id: null, item: null, sessions: [], loading: true },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
  },

  onShow() {
    this.load();
  },

  load() {
    const params = { id: this.data.id };
    return Promise.all([
      api.call('mediation.case', { params: params, silent: true }),
      api.call('mediation.sessions', { params: params, silent: true }),
    ]).then(([item, sessions]) => {
      this.setData({ item: present(item), loading: false,
        sessions: sessions.map((s) => Object.assign({}, s, { when: time.formatDateTime(s.held_at) })) });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  record(e) {
    wx.navigateTo({ url: '/mediation/pages/record/record?id=' + this.data.id + '&kind=' + e.currentTarget.dataset.kind });
  },

  call(e) {
    wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone, fail: () => {} });
  },

  // The agreement: downloaded with the login token, opened in WeChat's viewer to print.
  agreement() {
    api.download('mediation.agreement', { params: { id: this.data.id }, loading: '正在生成协议书' }).then((filePath) => {
      wx.openDocument({ filePath: filePath, fileType: 'pdf', showMenu: true,
        fail: () => wx.showToast({ title: '无法打开文件，请稍后重试', icon: 'none' }) });
    }).catch(() => {});
  },
});
