const api = require('../../utils/api');
const time = require('../../utils/time');
const eventForm = require('../../utils/event-form');
const { today, itemsOf, listState, pickerPlaceholder, showProblems } = require('../../utils/page-data');

Page({
  data: {
    kinds: eventForm.KINDS,
    kindIndex: 0,
    radii: eventForm.RADII.map((r) => r + ' 米'),
    radiusIndex: 2,
    hosts: [],
    hostIndex: -1,
    welfareDays: [],
    welfareIndex: -1,
    // Never "暂无已排期的公益日" when the list failed to load.
    welfarePlaceholder: pickerPlaceholder('loading'),
    form: {
      title: '', description: '', venue: '', speaker: '', audience: '', online_url: '', capacity: '',
      start_date: '', start_time: '09:00', end_date: '', end_time: '11:00',
      registration_required: false, credits_hours: false,
    },
    location: null,
    locationText: '',
    errors: {},
    submitting: false,
    minDate: today(),
  },

  onLoad() {
    const day = today();
    this.setData({ 'form.start_date': day, 'form.end_date': day });
    Promise.all([getApp().loadUser(true), api.call('communities.list', { silent: true })]).then(([user, communities]) => {
      const hosts = eventForm.hostChoices(user, communities);
      this.setData({ hosts: hosts, hostIndex: hosts.length === 1 ? 0 : -1 });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
    api.call('events.list', { query: { kind: 'welfare_day', from: today(), limit: 12 }, silent: true }).then((page) => {
      const days = itemsOf(page).filter((e) => !e.parent_id).map((e) => ({
        id: e.id, label: time.formatFullDate(e.starts_at) + ' ' + (e.theme || e.title), starts_at: e.starts_at,
      }));
      this.setData({ welfareDays: days, welfarePlaceholder: pickerPlaceholder(listState({ ok: true }, days), '暂无已排期的公益日') });
    }).catch(() => this.setData({ welfarePlaceholder: pickerPlaceholder('failed') }));
  },

  input(e) {
    const field = e.currentTarget.dataset.field;
    this.setData({ ['form.' + field]: e.detail.value, ['errors.' + field]: '' });
  },

  pick(e) {
    const field = e.currentTarget.dataset.field;
    const value = e.detail.value;
    const changes = { ['form.' + field]: value };
    // Moving the start day moves the end day with it (most events end the same day).
    if (field === 'start_date' && this.data.form.end_date < value) changes['form.end_date'] = value;
    this.setData(changes);
  },

  pickKind(e) {
    const kindIndex = Number(e.detail.value);
    const kind = this.data.kinds[kindIndex].value;
    this.setData({ kindIndex: kindIndex, 'form.credits_hours': kind !== 'lecture' });
  },

  pickHost(e) {
    this.setData({ hostIndex: Number(e.detail.value), 'errors.host': '' });
  },

  pickRadius(e) {
    this.setData({ radiusIndex: Number(e.detail.value) });
  },

  pickWelfareDay(e) {
    const index = Number(e.detail.value);
    const day = this.data.welfareDays[index];
    const date = time.toPickers(day.starts_at).date;
    this.setData({ welfareIndex: index, 'form.start_date': date, 'form.end_date': date, 'errors.parent_id': '' });
  },

  toggle(e) {
    const field = e.currentTarget.dataset.field;
    this.setData({ ['form.' + field]: e.detail.value });
  },

  chooseLocation() {
    wx.chooseLocation({
      success: (res) => {
        const changes = {
          location: { latitude: res.latitude, longitude: res.longitude },
          locationText: res.name || res.address || '已选择位置',
        };
        if (!this.data.form.venue && res.name) changes['form.venue'] = res.name;
        this.setData(changes);
      },
      fail: (err) => {
        if (!/cancel/.test((err && err.errMsg) || '')) wx.showToast({ title: '无法打开地图选点，请检查位置权限', icon: 'none' });
      },
    });
  },

  clearLocation() {
    this.setData({ location: null, locationText: '' });
  },

  submit() {
    const kind = this.data.kinds[this.data.kindIndex].value;
    const welfare = this.data.welfareDays[this.data.welfareIndex];
    const built = eventForm.build(Object.assign({}, this.data.form, {
      kind: kind,
      host: this.data.hosts[this.data.hostIndex],
      location: this.data.location,
      radius_m: eventForm.RADII[this.data.radiusIndex],
      parent_id: welfare ? welfare.id : null,
    }));
    if (showProblems(this, built.problems)) return;
    this.setData({ submitting: true });
    api.call('events.create', { data: built.body, loading: '发布中' }).then((event) => {
      this.setData({ submitting: false });
      wx.showToast({ title: '已发布', icon: 'success' });
      setTimeout(() => wx.redirectTo({ url: '/pages/event/detail?id=' + event.id }), 800);
    }).catch((error) => {
      this.setData({ submitting: false, errors: eventForm.serverProblems(error) });
    });
  },
});
