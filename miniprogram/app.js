// 聚沙 Jusha mini-program. Login is silent and on demand: the first API call
// without a token logs in (utils/request.js), so no page waits for onLaunch.
const api = require('./utils/api');
const care = require('./utils/care');
const checkin = require('./utils/checkin');

// Every page, the subpackages' too, follows the user's font size (关怀模式):
// its `ui` is kept current here, so no page has to remember it.
const definePage = Page;
Page = (definition) => definePage(care.withCare(definition, wx)); // eslint-disable-line no-global-assign

App({
  globalData: {
    user: null,
    // A poster scanned while the app was in the background: the scan page
    // picks it up in onShow (onLoad gets it on a cold start).
    pendingCheckin: null,
  },

  onLaunch() {
    this.globalData.user = api.cachedUser();
  },

  onShow(options) {
    if (options && options.path === checkin.SCAN_PAGE) {
      const source = checkin.fromLaunchOptions(options.query);
      if (source) this.globalData.pendingCheckin = source;
    }
  },

  // The signed-in user, fetched once and refreshed on demand (force).
  loadUser(force) {
    if (this.globalData.user && !force) return Promise.resolve(this.globalData.user);
    return api.call('me.get', { silent: true }).then((user) => {
      this.globalData.user = user;
      return user;
    });
  },

  setUser(user) {
    this.globalData.user = user;
  },
});
