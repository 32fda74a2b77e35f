const api = require('../../utils/api');
const eventView = require('../../utils/event-view');
const reminders = require('../../utils/reminders');

Page({
  data: {
    id: null,
    view: null,
    loadError: '',
    busy: false,
    templates: [],
  },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
    this.load();
    reminders.templates().then((templates) => this.setData({ templates: templates || [] })).catch(() => {});
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return api.call('events.get', { params: { id: this.data.id }, silent: true }).then((event) => {
      this.event = event;
      this.setData({ view: eventView.detail(event), loadError: '' });
      wx.setNavigationBarTitle({ title: event.title });
    }).catch((error) => this.setData({ loadError: error.message }));
  },

  primary() {
    const action = this.data.view && this.data.view.action;
    if (!action || this.data.busy) return;
    if (action.kind === 'register') this.register();
    if (action.kind === 'unregister') this.unregister();
  },

  register() {
    this.setData({ busy: true });
    api.call('events.register', { params: { id: this.data.id }, loading: '报名中' }).then((registration) => {
      this.setData({ busy: false });
      const waitlisted = registration && registration.status === 'waitlisted';
      const content = waitlisted
        ? '名额已满，您已加入候补' + (registration.position ? '（第 ' + registration.position + ' 位）' : '') + '，有人退出时将按顺序递补。'
        : '报名成功！';
      wx.showModal({
        title: waitlisted ? '已加入候补' : '报名成功',
        content: content + '需要在活动开始前提醒您吗？',
        confirmText: '提醒我',
        cancelText: '不用了',
        success: (res) => { if (res.confirm) this.remind(); },
      });
      this.load();
    }).catch(() => this.setData({ busy: false }));
  },

  unregister() {
    wx.showModal({
      title: '取消报名',
      content: '确定取消报名吗？名额将让给候补的居民。',
      confirmText: '取消报名',
      cancelText: '再想想',
      success: (res) => {
        if (!res.confirm) return;
        this.setData({ busy: true });
        api.call('events.unregister', { params: { id: this.data.id }, loading: '处理中' }).then(() => {
          this.setData({ busy: false });
          wx.showToast({ title: '已取消报名', icon: 'success' });
          this.load();
        }).catch(() => this.setData({ busy: false }));
      },
    });
  },

  // From a tap (or the modal's confirm): WeChat opens the dialog only then.
  remind() {
    const names = ['event_reminder'];
    if (this.data.view && this.data.view.creditsHours) names.push('hours_credited');
    if (!this.data.templates.length) {
      reminders.reportFailure({ message: '提醒模板加载中，请稍后再点一次' });
      reminders.templates().then((templates) => this.setData({ templates: templates || [] })).catch(() => {});
      return;
    }
    reminders.ask(this.data.templates, names).then((outcome) => {
      reminders.report(outcome);
      // The automatic reminder goes to people registered for the event; an
      // event without registration takes a non-binding one (no place held).
      const event = this.event;
      if (outcome && outcome.summary.accepted && event && !event.my_registration && !event.registration_required) {
        api.call('events.register', { params: { id: this.data.id }, silent: true }).then(() => this.load()).catch(() => {});
      }
    }, reminders.reportFailure);
  },

  openMap() {
    const v = this.data.view;
    wx.openLocation({ latitude: v.latitude, longitude: v.longitude, name: v.title, address: v.place, scale: 17 });
  },

  copyLink() {
    wx.setClipboardData({ data: this.data.view.onlineUrl });
  },

  scan() {
    wx.navigateTo({ url: '/pages/scan/scan?start=1' });
  },

  openActivity(e) {
    wx.navigateTo({ url: '/pages/event/detail?id=' + e.currentTarget.dataset.id });
  },

  manage() {
    wx.navigateTo({ url: '/organiser/pages/attendance?id=' + this.data.id });
  },

  showCode() {
    wx.navigateTo({ url: '/organiser/pages/qrcode?id=' + this.data.id });
  },

  // Organisers: cancel with a reason (registrations are kept; people are told by notice).
  cancelEvent() {
    wx.showModal({
      title: '取消活动',
      editable: true,
      placeholderText: '请填写取消原因（报名者可见）',
      confirmText: '取消活动',
      cancelText: '返回',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (reason.length < 2) {
          wx.showToast({ title: '请填写取消原因', icon: 'none' });
          return;
        }
        api.call('events.cancel', { params: { id: this.data.id }, data: { reason: reason }, loading: '处理中' }).then(() => {
          wx.showModal({
            title: '活动已取消',
            content: '需要通知已报名的居民吗？',
            confirmText: '去发通知',
            cancelText: '稍后',
            success: (r) => { if (r.confirm) wx.navigateTo({ url: '/organiser/pages/notice?event_id=' + this.data.id }); },
          });
          this.load();
        }).catch(() => {});
      },
    });
  },

  onShareAppMessage() {
    const v = this.data.view;
    return { title: v ? v.title : '聚沙活动', path: '/pages/event/detail?id=' + this.data.id };
  },
});
