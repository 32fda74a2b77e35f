// Live attendance: the count and the list, refreshed every few seconds while
// the page is open; check-in by hand for residents without a smartphone.
const api = require('../../utils/api');
const attendanceView = require('../../utils/attendance-view');
const identity = require('../../utils/identity');
const binary = require('../../utils/binary');

const POLL_MS = 5000;

Page({
  data: {
    id: null,
    view: null,
    rows: [],
    search: '',
    chart: '',
    manual: { phone: '', name: '', direction: 'in' },
    manualOpen: false,
    manualError: '',
  },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
  },

  onShow() {
    this.load();
    this.poll = setInterval(() => this.load(true), POLL_MS);
  },

  onHide() {
    clearInterval(this.poll);
  },

  onUnload() {
    clearInterval(this.poll);
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
    this.loadChart();
  },

  load(quiet) {
    return api.call('events.attendance', { params: { id: this.data.id }, silent: Boolean(quiet) }).then((body) => {
      const view = attendanceView.view(body);
      this.setData({ view: view, rows: attendanceView.filter(view.rows, this.data.search) });
      wx.setNavigationBarTitle({ title: view.title || '现场签到' });
    }).catch(() => {});
  },

  loadChart() {
    api.callBinary('events.attendanceChart', { params: { id: this.data.id }, loading: '生成图表' }).then((res) => {
      this.setData({ chart: binary.dataUri(res.data, 'image/png') });
    }).catch(() => {});
  },

  searchInput(e) {
    this.setData({ search: e.detail.value, rows: attendanceView.filter(this.data.view ? this.data.view.rows : [], e.detail.value) });
  },

  exportXlsx() {
    api.download('events.attendance', { params: { id: this.data.id }, query: { format: 'xlsx' }, loading: '导出中' })
      .then((filePath) => wx.openDocument({ filePath: filePath, fileType: 'xlsx', showMenu: true }))
      .catch(() => {});
  },

  toggleManual() {
    this.setData({ manualOpen: !this.data.manualOpen, manualError: '' });
  },

  manualInput(e) {
    this.setData({ ['manual.' + e.currentTarget.dataset.field]: e.detail.value, manualError: '' });
  },

  manualDirection(e) {
    this.setData({ 'manual.direction': e.detail.value });
  },

  // An elderly resident without a smartphone: recorded by phone number (and
  // name, the first time), audited on the server with the organiser's name.
  submitManual() {
    const phone = this.data.manual.phone.trim();
    const problem = identity.phoneProblem(phone);
    if (problem) {
      this.setData({ manualError: problem });
      return;
    }
    const data = { phone: phone, direction: this.data.manual.direction };
    const name = this.data.manual.name.trim();
    if (name) data.name = name;
    api.call('events.manualCheckin', { params: { id: this.data.id }, data: data, loading: '登记中', silent: true })
      .then((result) => {
        wx.showToast({ title: result.message || '已登记', icon: 'none' });
        this.setData({ manual: { phone: '', name: '', direction: this.data.manual.direction } });
        this.load(true);
      })
      .catch((error) => this.setData({ manualError: error.message }));
  },

  showCode() {
    wx.navigateTo({ url: '/organiser/pages/qrcode?id=' + this.data.id });
  },
});
