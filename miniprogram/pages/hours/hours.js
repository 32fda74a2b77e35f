const api = require('../../utils/api');
const hoursView = require('../../utils/hours-view');

const PAGE = 50;

Page({
  data: {
    view: null,
    loadError: '',
    certificates: [],
    nextOffset: null,
  },

  onLoad() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  // The totals and the latest records; an active volunteer's hundreds of
  // records come a page at a time as the list scrolls (onReachBottom).
  load() {
    this.loadCertificates();
    const query = { limit: PAGE, offset: 0 };
    return api.call('me.hours', { query: query, silent: true, loading: this.data.view ? '' : '加载中' }).then((body) => {
      this.setData({ view: hoursView.view(body), nextOffset: body.next_offset, loadError: '' });
    }).catch((error) => this.setData({ loadError: error.message }));
  },

  onReachBottom() {
    const offset = this.data.nextOffset;
    if (offset === null || offset === undefined || this.loadingMore) return;
    this.loadingMore = true;
    api.call('me.hours', { query: { limit: PAGE, offset: offset }, silent: true }).then((body) => {
      const more = hoursView.view(body).records;
      this.setData({ 'view.records': this.data.view.records.concat(more), nextOffset: body.next_offset });
    }).catch(() => {}).then(() => { this.loadingMore = false; });
  },

  loadCertificates() {
    api.call('me.certificates', { silent: true }).then((list) => {
      this.setData({ certificates: (list || []).map(hoursView.certificate) });
    }).catch(() => {});
  },

  // A new certificate of every approved hour so far (志愿服务证明), then open it.
  issue() {
    api.call('me.issueCertificate', { data: {}, loading: '正在开具证明' }).then((certificate) => {
      this.loadCertificates();
      this.open(certificate.serial);
    }).catch(() => {});
  },

  openCertificate(e) {
    this.open(e.currentTarget.dataset.serial);
  },

  // The PDF: downloaded with the login token, then shown in WeChat's viewer,
  // where it can be saved or forwarded.
  open(serial) {
    api.download('certificates.pdf', { params: { serial: serial }, loading: '正在下载' }).then((filePath) => {
      wx.openDocument({
        filePath: filePath,
        fileType: 'pdf',
        showMenu: true,
        fail: () => wx.showToast({ title: '无法打开文件，请稍后重试', icon: 'none' }),
      });
    }).catch(() => {});
  },

  apply() {
    wx.navigateTo({ url: '/pages/volunteer/apply' });
  },
});
