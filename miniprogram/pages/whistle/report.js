// 报到: a whistle addressed to my unit; report people, what we bring and
// when we arrive (again to update). On site, scan the organiser's code.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/whistle-view');
const eventForm = require('../../utils/event-form');
const { showProblems } = require('../../utils/page-data');

Page({
  data: {
    id: 0,
    whistle: null,
    units: [],
    unitIndex: 0,
    reports: [],
    form: { people: '', brings: '', arriveDate: '', arriveTime: '' },
    errors: {},
    submitting: false,
  },

  onLoad(options) {
    const now = time.toPickers(new Date().toISOString());
    this.setData({ id: Number(options.id), 'form.arriveDate': now.date, 'form.arriveTime': now.time });
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return api.call('whistles.get', { params: { id: this.data.id }, silent: true }).then((w) => {
      const mine = w.my_unit_ids || [];
      const units = (w.units || []).filter((u) => mine.indexOf(u.id) >= 0);
      const reports = (w.reports || []).map((r) => ({
        unitId: r.unit.id, unit: r.unit.name, people: r.people_count, brings: r.brings || '',
        after: time.formatMinutes(r.response_minutes), arrive: r.arrive_at ? time.formatTime(r.arrive_at) : '',
      }));
      this.setData({
        whistle: {
          title: w.title, description: w.description || '', place: w.place || '',
          community: (w.community && w.community.name) || '', open: w.status === 'open',
          status: view.STATUS_LABELS[w.status] || w.status, neededBy: time.formatDateTime(w.needed_by),
          summary: w.summary || '',
        },
        units: units,
        reports: reports,
      });
      this.fillFromMyReport();
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  // Reporting again updates: start from what my unit said before.
  fillFromMyReport() {
    const unit = this.data.units[this.data.unitIndex];
    const mine = unit && this.data.reports.find((r) => r.unitId === unit.id);
    if (mine) this.setData({ 'form.people': String(mine.people), 'form.brings': mine.brings });
  },

  pickUnit(e) {
    this.setData({ unitIndex: Number(e.detail.value) });
    this.fillFromMyReport();
  },

  input(e) {
    const field = e.currentTarget.dataset.field;
    this.setData({ ['form.' + field]: e.detail.value, ['errors.' + field]: '' });
  },

  pick(e) {
    this.setData({ ['form.' + e.currentTarget.dataset.field]: e.detail.value });
  },

  submit() {
    const unit = this.data.units[this.data.unitIndex];
    const built = view.buildReport(Object.assign({}, this.data.form, { unitId: unit ? unit.id : null }));
    const problems = Object.assign({}, built.problems);
    if (problems.people_count) problems.people = problems.people_count;
    if (showProblems(this, problems)) return;
    this.setData({ submitting: true });
    api.call('whistles.report', { params: { id: this.data.id }, data: built.body, loading: '报到中' }).then(() => {
      this.setData({ submitting: false });
      wx.showToast({ title: '已报到', icon: 'success' });
      this.load();
    }).catch((error) => {
      this.setData({ submitting: false, errors: eventForm.serverProblems(error) });
    });
  },

  scan() {
    wx.navigateTo({ url: '/pages/scan/scan' });
  },
});
