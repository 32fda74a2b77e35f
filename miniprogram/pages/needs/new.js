// 我要点单: a resident raises a need, with photos and a place on the map.
// Contact name and phone come prefilled from the profile.
const api = require('../../utils/api');
const view = require('../../utils/needs-view');

Page({
  data: {
    kinds: view.NEED_KINDS,
    urgencies: view.URGENCIES,
    kindIndex: 0,
    urgencyIndex: 0,
    form: { title: '', service: '', description: '', place: '', contact_name: '', contact_phone: '', wanted_by: '' },
    location: null,
    photos: [],
    isPublic: true,
    communityName: '',
    submitting: false,
  },

  onLoad() {
    getApp().loadUser().then((user) => {
      this.user = user;
      this.setData({
        'form.contact_name': user.name || '',
        'form.contact_phone': user.phone || '',
        communityName: user.community ? user.community.name : '',
      });
    }).catch(() => {});
  },

  input(e) {
    this.setData({ ['form.' + e.currentTarget.dataset.field]: e.detail.value });
  },

  pickKind(e) { this.setData({ kindIndex: Number(e.detail.value) }); },
  pickUrgency(e) { this.setData({ urgencyIndex: Number(e.detail.value) }); },
  pickDate(e) { this.setData({ 'form.wanted_by': e.detail.value }); },
  togglePublic(e) { this.setData({ isPublic: e.detail.value }); },

  chooseLocation() {
    wx.chooseLocation({
      success: (res) => this.setData({
        location: { latitude: res.latitude, longitude: res.longitude },
        'form.place': this.data.form.place || res.address || res.name || '',
      }),
    });
  },

  addPhotos() {
    const room = view.PHOTO_LIMIT - this.data.photos.length;
    if (room <= 0) return;
    view.choosePhotos(wx, api, room, 'need_photo').then((uploaded) => {
      this.setData({ photos: this.data.photos.concat(uploaded) });
    }).catch(() => {});
  },

  removePhoto(e) {
    const photos = this.data.photos.slice();
    photos.splice(Number(e.currentTarget.dataset.index), 1);
    this.setData({ photos: photos });
  },

  submit() {
    const form = this.data.form;
    if (form.title.trim().length < 2) {
      wx.showToast({ title: '请填写需求标题（至少 2 个字）', icon: 'none' });
      return;
    }
    const data = {
      title: form.title.trim(),
      kind: view.NEED_KINDS[this.data.kindIndex].value,
      urgency: view.URGENCIES[this.data.urgencyIndex].value,
      is_public: this.data.isPublic,
      photo_ids: this.data.photos.map((p) => p.id),
    };
    ['service', 'description', 'place', 'contact_name', 'contact_phone', 'wanted_by'].forEach((key) => {
      if (form[key] && String(form[key]).trim()) data[key] = String(form[key]).trim();
    });
    if (this.data.location) Object.assign(data, this.data.location);
    this.setData({ submitting: true });
    api.call('needs.create', { data: data, loading: '提交中' }).then((need) => {
      wx.showToast({ title: '已提交，社区会尽快派单', icon: 'none' });
      wx.redirectTo({ url: '/pages/needs/detail?id=' + need.id });
    }).catch(() => this.setData({ submitting: false }));
  },
});
