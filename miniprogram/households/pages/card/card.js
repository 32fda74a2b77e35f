// 我的联户证: the card households scan to leave me a message (no phone number
// on it); the PDF opens in WeChat's viewer to print or forward; 补办 voids the
// old card's code.
const api = require('../../../utils/api');

Page({
  data: { card: null, loading: true, error: '' },

  onLoad() {
    this.load();
  },

  load() {
    return api.call('households.issueCard', { data: {}, silent: true }).then((card) => {
      this.setData({ card: card, loading: false, error: '' });
    }).catch((error) => {
      this.setData({ loading: false, error: error.message });
    });
  },

  openPdf() {
    api.download('households.cardPdf', { loading: '正在生成联户证' }).then((filePath) => {
      wx.openDocument({
        filePath: filePath,
        fileType: 'pdf',
        showMenu: true,
        fail: () => wx.showToast({ title: '无法打开文件，请稍后重试', icon: 'none' }),
      });
    }).catch(() => {});
  },

  renew() {
    wx.showModal({
      title: '补办联户证',
      content: '补办后旧联户证上的二维码将失效，确定补办吗？',
      success: (res) => {
        if (!res.confirm) return;
        api.call('households.renewCard', { data: {}, loading: '正在补办' }).then((card) => {
          this.setData({ card: card });
          wx.showToast({ title: '已补办', icon: 'success' });
        }).catch(() => {});
      },
    });
  },
});
