// 吹哨: what is needed, where, by when (hours), to the whole alliance.
const api = require('../../utils/api');
const view = require('../../utils/whistle-view');
const eventForm = require('../../utils/event-form');
const { showProblems } = require('../../utils/page-data');

Page({
  data: {
    communities: [],
    communityIndex: -1,
    hours: view.HOURS.map((h) => h + ' 小时内'),
    form: { title: '', place: '', description: '', hoursIndex: 2 },
    location: null,
    locationText: '',
    errors: {},
    submitting: false,
  },

  onLoad() {
    Promise.all([getApp().loadUser(true), api.call('communities.list', { silent: true })]).then(([user, all]) => {
      const communities = view.staffCommunities(user, all);
      this.setData({ communities: communities, communityIndex: communities.length === 1 ? 0 : -1 });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  input(e) {
    const field = e.currentTarget.dataset.field;
    this.setData({ ['form.' + field]: e.detail.value, ['errors.' + field]: '' });
  },

  pickCommunity(e) {
    this.setData({ communityIndex: Number(e.detail.value), 'errors.community_id': '' });
  },

  pickHours(e) {
    this.setData({ 'form.hoursIndex': Number(e.detail.value), 'errors.needed_by': '' });
  },

  chooseLocation() {
    wx.chooseLocation({
      success: (res) => {
        const changes = { location: { latitude: res.latitude, longitude: res.longitude },
          locationText: res.name || res.address || '已选择位置' };
        if (!this.data.form.place && res.name) changes['form.place'] = res.name;
        this.setData(changes);
      },
      fail: () => {},
    });
  },

  submit() {
    const built = view.build(Object.assign({}, this.data.form, {
      community: this.data.communities[this.data.communityIndex], location: this.data.location,
    }));
    if (showProblems(this, built.problems)) return;
    this.setData({ submitting: true });
    api.call('whistles.create', { data: built.body, loading: '吹哨中' }).then((whistle) => {
      this.setData({ submitting: false });
      wx.showToast({ title: '已通知共建单位', icon: 'success' });
      setTimeout(() => wx.redirectTo({ url: '/pages/whistle/rollcall?id=' + whistle.id }), 800);
    }).catch((error) => {
      this.setData({ submitting: false, errors: eventForm.serverProblems(error) });
    });
  },
});
