// Where a subscription message may open (the backend's MINIPROGRAM_PAGES and
// the emulator list it). Organisers see the notice and its delivery report;
// everyone else is taken to what the notice is about.
const api = require('../../utils/api');
const format = require('../../utils/format');

Page({
  data: { notice: null },

  onLoad(options) {
    if (options.event_id) {
      wx.redirectTo({ url: '/pages/event/detail?id=' + options.event_id });
      return;
    }
    getApp().loadUser().then((user) => {
      if (options.id && format.isOrganiser(user)) {
        wx.redirectTo({ url: '/organiser/pages/report?id=' + options.id });
      } else {
        wx.switchTab({ url: '/pages/index/index' });
      }
    }).catch(() => wx.switchTab({ url: '/pages/index/index' }));
  },
});
