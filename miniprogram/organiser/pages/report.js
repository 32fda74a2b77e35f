// A notice's delivery report (live while it sends), or the list of notices.
const api = require('../../utils/api');
const compose = require('../../utils/notice-compose');
const time = require('../../utils/time');

Page({
  data: { id: null, report: null, list: [], loading: true },

  onLoad(options) {
    this.setData({ id: options.id ? Number(options.id) : null });
  },

  onShow() {
    this.active = true;
    this.load();
  },

  onHide() {
    this.active = false;
    clearTimeout(this.timer);
  },

  onUnload() {
    this.active = false;
    clearTimeout(this.timer);
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    clearTimeout(this.timer);
    if (!this.data.id) return this.loadList();
    return api.call('notices.report', { params: { id: this.data.id }, silent: Boolean(this.data.report) }).then((body) => {
      const report = compose.reportView(body);
      this.setData({ report: report, loading: false });
      const delay = compose.pollDelay(report);
      if (delay && this.active) this.timer = setTimeout(() => this.load(), delay);
    }).catch(() => {
      this.setData({ loading: false });
      if (this.active) this.timer = setTimeout(() => this.load(), 5000);
    });
  },

  loadList() {
    wx.setNavigationBarTitle({ title: '通知记录' });
    return api.call('notices.list', { query: { limit: 50 } }).then((list) => {
      this.setData({
        loading: false,
        list: (list || []).map((n) => ({
          id: n.id,
          title: compose.templateTitle(n),
          firstValue: Object.keys(n.values || {}).map((k) => n.values[k])[0] || '',
          audience: (n.audience && n.audience.label) || '',
          status: compose.STATUS_LABELS[n.status] || n.status,
          when: time.formatDateTime(n.send_at || n.created_at),
          sent: (n.counts && n.counts.sent) || 0,
          total: (n.counts && n.counts.total) || 0,
        })),
      });
    }).catch(() => this.setData({ loading: false }));
  },

  open(e) {
    wx.navigateTo({ url: '/organiser/pages/report?id=' + e.currentTarget.dataset.id });
  },

  compose() {
    wx.navigateTo({ url: '/organiser/pages/notice' });
  },

  cancel() {
    wx.showModal({
      title: '停止发送',
      content: '尚未发出的消息将不再发送，已送达的无法撤回。',
      confirmText: '停止',
      success: (res) => {
        if (!res.confirm) return;
        api.call('notices.cancel', { params: { id: this.data.id }, loading: '处理中' }).then(() => this.load()).catch(() => {});
      },
    });
  },
});
