// 随手拍: a problem seen in the street, with photos, a category, the place
// (wx.getLocation, or chosen on the map) and a description. Opened from a
// patrol or a household visit with ?source=patrol&source_ref=12.
const api = require('../../../utils/api');
const reminders = require('../../../utils/reminders');
const needsView = require('../../../utils/needs-view');
const view = require('../../utils/report-view');

Page({
  data: {
    categories: view.CATEGORIES, categoryIndex: -1, description: '', place: '', location: null, photos: [],
    source: 'resident', source_ref: null, problems: {}, submitting: false, templates: [],
  },

  onLoad(query) {
    this.setData(view.sourceOf(query));
    reminders.templates().then((templates) => this.setData({ templates: templates || [] })).catch(() => {});
    this.locate();
  },

  locate() {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => this.setData({ location: { latitude: res.latitude, longitude: res.longitude } }),
      fail: () => {},
    });
  },

  chooseLocation() {
    wx.chooseLocation({
      success: (res) => this.setData({
        location: { latitude: res.latitude, longitude: res.longitude },
        place: this.data.place || res.address || res.name || '',
      }),
    });
  },

  pickCategory(e) { this.setData({ categoryIndex: Number(e.detail.value) }); },
  input(e) { this.setData({ [e.currentTarget.dataset.field]: e.detail.value }); },

  addPhotos() {
    const room = view.PHOTO_LIMIT - this.data.photos.length;
    if (room <= 0) return;
    needsView.choosePhotos(wx, api, room, 'report_photo').then((uploaded) => {
      this.setData({ photos: this.data.photos.concat(uploaded) });
    }).catch(() => {});
  },

  removePhoto(e) {
    const photos = this.data.photos.slice();
    photos.splice(Number(e.currentTarget.dataset.index), 1);
    this.setData({ photos: photos });
  },

  submit() {
    const built = view.build(this.data);
    this.setData({ problems: built.problems });
    if (!built.body) {
      wx.showToast({ title: Object.values(built.problems)[0], icon: 'none' });
      return;
    }
    // From the tap: WeChat opens the subscription dialog only then (办结通知).
    const asked = this.data.templates.length
      ? reminders.ask(this.data.templates, ['report_closed']).catch(() => null) : Promise.resolve(null);
    this.setData({ submitting: true });
    asked.then(() => api.call('reports.create', { data: built.body, loading: '提交中' })).then((order) => {
      const where = order.grid ? order.grid.name : order.community.name;
      wx.showToast({ title: '已提交给' + where, icon: 'none' });
      wx.redirectTo({ url: '/reports/pages/detail/detail?id=' + order.id });
    }).catch(() => this.setData({ submitting: false }));
  },
});
