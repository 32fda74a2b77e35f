// One duty for its unit: 接单 or 拒单 with a reason, progress with photos, and
// 办结 with evidence. A reminder's subscription message opens this page.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/needs-view');

Page({
  data: { duty: null, actions: {}, note: '', photos: [], mode: '' },

  onLoad(options) {
    this.dutyId = Number(options.id);
  },

  onShow() {
    this.load();
  },

  load() {
    return api.call('duties.get', { params: { id: this.dutyId }, silent: true }).then((duty) => {
      this.setData({
        duty: Object.assign({}, duty, {
          accept: duty.accept_by ? time.formatDateTime(duty.accept_by) : '',
          due: duty.due_by ? time.formatDateTime(duty.due_by) : '',
        }),
        actions: view.unitActions(duty),
      });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  accept() {
    api.call('duties.accept', { params: { id: this.dutyId }, data: {}, loading: '接单中' })
      .then(() => { wx.showToast({ title: '已接单', icon: 'none' }); this.load(); }).catch(() => this.load());
  },

  decline() {
    wx.showModal({ title: '拒单', editable: true, placeholderText: '请填写拒单原因', success: (res) => {
      if (!res.confirm) return;
      api.call('duties.decline', { params: { id: this.dutyId }, data: { reason: (res.content || '').trim() }, loading: '提交中' })
        .then(() => this.load()).catch(() => {});
    } });
  },

  startProgress() { this.setData({ mode: 'progress', note: '', photos: [] }); },
  startDone() { this.setData({ mode: 'done', note: '', photos: [] }); },
  noteInput(e) { this.setData({ note: e.detail.value }); },

  addPhotos() {
    const room = view.PHOTO_LIMIT - this.data.photos.length;
    if (room <= 0) return;
    view.choosePhotos(wx, api, room, 'duty_evidence').then((uploaded) => {
      this.setData({ photos: this.data.photos.concat(uploaded) });
    }).catch(() => {});
  },

  submit() {
    const data = { note: this.data.note.trim(), photo_ids: this.data.photos.map((p) => p.id) };
    const options = { params: { id: this.dutyId }, data: data, loading: '提交中' };
    const sent = this.data.mode === 'done' ? api.call('duties.done', options) : api.call('duties.progress', options);
    sent.then(() => {
      this.setData({ mode: '' });
      this.load();
    }).catch(() => {});
  },

  openNeed() {
    wx.navigateTo({ url: '/pages/needs/detail?id=' + this.data.duty.need_id });
  },
});
