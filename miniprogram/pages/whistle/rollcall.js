// The live roll call of a whistle: who reported, who did not, how fast, and
// how many of each unit's people checked in. Refreshed every 10 seconds.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/whistle-view');

const REFRESH_MS = 10000;

Page({
  data: { id: 0, title: '', status: '', open: false, eventId: null, summary: null, units: [], asOf: '' },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
  },

  onShow() {
    this.load();
    this.timer = setInterval(() => this.load(), REFRESH_MS);
  },

  onHide() {
    clearInterval(this.timer);
  },

  onUnload() {
    clearInterval(this.timer);
  },

  load() {
    return api.call('whistles.rollCall', { params: { id: this.data.id }, silent: true }).then((r) => {
      this.setData({
        title: r.title,
        status: view.STATUS_LABELS[r.status] || r.status,
        open: r.status === 'open',
        eventId: r.event_id,
        summary: view.rollCallSummary(r.totals),
        units: (r.units || []).map(view.rollCallRow),
        asOf: time.formatTime(r.as_of),
      });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  showCode() {
    if (this.data.eventId) wx.navigateTo({ url: '/organiser/pages/qrcode?id=' + this.data.eventId });
  },

  showAttendance() {
    if (this.data.eventId) wx.navigateTo({ url: '/organiser/pages/attendance?id=' + this.data.eventId });
  },
});
