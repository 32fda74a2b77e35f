// Opened by scanning the desk console's sign-in code: shows who is signing in
// and from which computer, then confirms or cancels (app/auth/console_routes.py).
const api = require('../../utils/api');
const consoleLogin = require('../../utils/console-login');

Page({
  data: {
    state: 'loading', // loading | asking | working | done | cancelled | refused | expired | failed | invalid
    name: '',
    roles: '',
    browser: '',
    address: '',
    message: '',
  },

  onLoad(options) {
    this.nonce = consoleLogin.nonceFromOptions(options);
    if (!this.nonce) {
      this.setData({ state: 'invalid', message: '这不是聚沙工作台的登录码' });
      return;
    }
    getApp().loadUser(true)
      .then((user) => {
        this.setData({ name: user.name || '未填写姓名', roles: consoleLogin.consoleRoles(user) });
        return api.call('console.scan', { data: { nonce: this.nonce }, silent: true });
      })
      .then((scanned) => this.setData({
        state: 'asking',
        browser: consoleLogin.describeBrowser(scanned.agent),
        address: scanned.address || '',
      }))
      .catch((error) => this.setData(consoleLogin.stateForError(error)));
  },

  confirm() {
    if (this.data.state !== 'asking') return;
    this.setData({ state: 'working' });
    api.call('console.confirm', { data: { nonce: this.nonce }, silent: true, loading: '登录中' })
      .then(() => this.setData({ state: 'done' }))
      .catch((error) => this.setData(consoleLogin.stateForError(error)));
  },

  cancel() {
    if (this.data.state !== 'asking') return;
    this.setData({ state: 'working' });
    api.call('console.cancel', { data: { nonce: this.nonce }, silent: true })
      .then(() => this.setData({ state: 'cancelled' }))
      .catch((error) => this.setData(consoleLogin.stateForError(error)));
  },

  close() {
    wx.switchTab({ url: '/pages/index/index' });
  },
});
