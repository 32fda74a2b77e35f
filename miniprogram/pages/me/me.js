const api = require('../../utils/api');
const care = require('../../utils/care');
const format = require('../../utils/format');
const meMenu = require('../../utils/me-menu');
const reminders = require('../../utils/reminders');
const unitView = require('../../utils/unit-view');

Page({
  data: {
    user: null,
    roleLabel: '',
    communityName: '',
    isOrganiser: false,
    speaksForUnit: false,
    inAlliance: false,
    areaMenu: [],
    communities: [],
    subscriptions: [],
    templates: [],
    demoPeople: api.config.demoPeople,
    demoOpenid: api.devOpenid(),
    editingName: false,
    nameDraft: '',
  },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    reminders.templates().then((templates) => this.setData({ templates: templates || [] })).catch(() => {});
    api.call('communities.list', { silent: true }).then((list) => this.setData({ communities: list || [] })).catch(() => {});
    this.loadSubscriptions();
    return getApp().loadUser(true).then((user) => this.showUser(user)).catch((error) => {
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  showUser(user) {
    getApp().setUser(user);
    this.setData({
      user: user,
      roleLabel: format.roleLabels(user),
      communityName: user.community ? user.community.name : '',
      isOrganiser: format.isOrganiser(user),
      speaksForUnit: unitView.unitIds(user).length > 0,
      inAlliance: format.isOrganiser(user) || format.holds(user, 'unit_contact'),
      areaMenu: meMenu.entriesFor(user),
      demoOpenid: api.devOpenid(),
    });
  },

  loadSubscriptions() {
    api.call('subscriptions.mine', { silent: true }).then((list) => {
      this.setData({ subscriptions: (list || []).filter((s) => s.remaining > 0) });
    }).catch(() => {});
  },

  editName() {
    this.setData({ editingName: true, nameDraft: (this.data.user && this.data.user.name) || '' });
  },

  nameInput(e) {
    this.setData({ nameDraft: e.detail.value });
  },

  saveName() {
    const name = this.data.nameDraft.trim();
    if (!name) {
      wx.showToast({ title: '请填写称呼', icon: 'none' });
      return;
    }
    api.call('me.update', { data: { name: name }, loading: '保存中' }).then((user) => {
      this.setData({ editingName: false });
      this.showUser(user);
    }).catch(() => {});
  },

  pickCommunity(e) {
    const community = this.data.communities[Number(e.detail.value)];
    api.call('me.update', { data: { community_id: community.id }, loading: '保存中' }).then((user) => this.showUser(user)).catch(() => {});
  },

  // From a tap: WeChat shows the subscription dialog only then.
  // 关怀模式: the switch applies here at once, and to every page as it shows.
  toggleLargeText(e) {
    this.setData({ ui: care.setLargeText(wx, e.detail.value) });
  },

  subscribeAll() {
    if (!this.data.templates.length) {
      reminders.reportFailure({ message: '提醒模板加载中，请稍后再点一次' });
      return;
    }
    reminders.ask(this.data.templates, []).then((outcome) => {
      reminders.report(outcome);
      this.loadSubscriptions();
    }, reminders.reportFailure);
  },

  go(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url });
  },

  switchPerson(e) {
    const openid = e.currentTarget.dataset.openid;
    api.switchDemoPerson(openid).then((body) => {
      getApp().setUser(body.user);
      wx.showToast({ title: '已切换为' + (body.user.name || '新用户'), icon: 'none' });
      this.load();
    }).catch(() => {});
  },

  logout() {
    wx.showModal({
      title: '退出登录',
      content: '退出后再次使用时将重新通过微信登录。',
      success: (res) => {
        if (!res.confirm) return;
        api.call('auth.logout', { silent: true }).catch(() => {}).then(() => {
          api.clearSession();
          getApp().setUser(null);
          this.setData({ user: null });
          wx.showToast({ title: '已退出', icon: 'none' });
        });
      },
    });
  },
});
