const api = require('../../utils/api');
const hoursView = require('../../utils/hours-view');

Page({
  data: {
    view: null,
    loadError: '',
    certificates: [],
  },

  onLoad() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    this.loadCertificates();
    return api.call('me.hours', { silent: true, loading: this.data.view ? '' : '加载中' }).then((body) => {
      this.setData({ view: hoursView.view(body), loadError: '' });
    }).catch((error) => this.setData({ loadError: error.message }));
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
