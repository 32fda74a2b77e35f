// 群众留言: messages households left through my 联户证; I mark them handled.
const api = require('../../../utils/api');
const view = require('../../utils/view');
const { itemsOf } = require('../../../utils/page-data');

Page({
  data: { requests: [], loading: true },

  onShow() {
    this.load();
  },

  load() {
    return api.call('households.requests', { query: { limit: 50 }, silent: true }).then((page) => {
      this.setData({ requests: itemsOf(page).map(view.requestRow), loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  handle(e) {
    api.call('households.handleRequest', { params: { id: e.currentTarget.dataset.id }, data: {} })
      .then(() => this.load()).catch(() => {});
  },
});
