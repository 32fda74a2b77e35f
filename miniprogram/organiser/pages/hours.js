// Approve service hours: one by one, the selected ones, or every pending
// record of the event. Approved hours enter the ledger; nothing is edited in place.
const api = require('../../utils/api');
const time = require('../../utils/time');
const approval = require('../../utils/approval-view');
const { itemsOf } = require('../../utils/page-data');

Page({
  data: {
    events: [],
    eventIndex: -1,
    eventId: null,
    rows: [],
    counts: {},
    selected: {},
    selectedCount: 0,
    loading: false,
  },

  onLoad(options) {
    this.wantedEventId = options.event_id ? Number(options.event_id) : null;
    const from = time.toPickers(Date.now() - 60 * 86400000).date;
    api.call('events.list', { query: { mine: true, from: from, limit: 100 }, silent: true }).then((page) => {
      const now = Date.now();
      const events = itemsOf(page).filter((e) => e.credits_hours && e.status !== 'cancelled' && time.parse(e.starts_at) < now)
        .reverse().map((e) => ({ id: e.id, starts_at: e.starts_at, ends_at: e.ends_at, label: time.formatFullDate(e.starts_at) + ' ' + e.title }));
      let index = events.findIndex((e) => e.id === this.wantedEventId);
      if (index < 0 && events.length) index = 0;
      this.setData({ events: events, eventIndex: index });
      if (index >= 0) this.load();
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  pickEvent(e) {
    this.setData({ eventIndex: Number(e.detail.value), selected: {}, selectedCount: 0 });
    this.load();
  },

  currentEvent() {
    return this.data.events[this.data.eventIndex];
  },

  load() {
    const event = this.currentEvent();
    if (!event) return Promise.resolve();
    this.setData({ loading: true });
    return api.call('hours.eventRecords', { params: { event_id: event.id }, silent: true }).then((records) => {
      this.records = records || [];
      this.setData({ loading: false, rows: approval.rows(this.records, this.data.selected), counts: approval.counts(this.records) });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  toggle(e) {
    const id = e.currentTarget.dataset.id;
    const selected = Object.assign({}, this.data.selected);
    if (selected[id]) delete selected[id];
    else selected[id] = true;
    this.setData({ selected: selected, selectedCount: Object.keys(selected).length, rows: approval.rows(this.records, selected) });
  },

  approveSelected() {
    const ids = Object.keys(this.data.selected).map(Number);
    if (!ids.length) return;
    this.approve({ record_ids: ids });
  },

  approveAll() {
    const event = this.currentEvent();
    wx.showModal({
      title: '全部批准',
      content: '批准本活动全部 ' + this.data.counts.pending + ' 条待审核记录？批准后计入志愿者时长。',
      success: (res) => { if (res.confirm) this.approve({ event_id: event.id }); },
    });
  },

  approveOne(e) {
    this.approve({ record_ids: [e.currentTarget.dataset.id] });
  },

  approve(body) {
    api.call('hours.approve', { data: body, loading: '批准中' }).then((result) => {
      wx.showModal({ title: '审核完成', content: approval.approveSummary(result), showCancel: false });
      this.setData({ selected: {}, selectedCount: 0 });
      this.load();
    }).catch(() => {});
  },

  reject(e) {
    const id = e.currentTarget.dataset.id;
    wx.showModal({
      title: '不予认定',
      editable: true,
      placeholderText: '请填写原因（志愿者可见）',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (!reason) {
          wx.showToast({ title: '请填写原因', icon: 'none' });
          return;
        }
        api.call('hours.reject', { params: { id: id }, data: { reason: reason }, loading: '提交中' }).then(() => this.load()).catch(() => {});
      },
    });
  },

  // Before approval: when did the volunteer leave? A forgotten check-out, or
  // a check-out scanned by mistake (a minute after check-in, 0 hours): credit
  // until the event's end, until a time the organiser gives, or not at all.
  settle(e) {
    const id = e.currentTarget.dataset.id;
    const event = this.currentEvent();
    wx.showActionSheet({
      itemList: ['按活动结束时间（' + time.formatTime(event.ends_at) + '）计算', '填写实际离开时间', '不计时长'],
      success: (choice) => {
        if (choice.tapIndex === 2) {
          this.askReason('不计时长', (reason) => this.sendSettle(id, { reason: reason, refuse: true }));
        } else if (choice.tapIndex === 1) {
          wx.showModal({
            title: '实际离开时间',
            editable: true,
            placeholderText: '如 11:40（活动当天）',
            success: (res) => {
              if (!res.confirm) return;
              const endedAt = approval.leftAt(res.content, event.starts_at);
              if (!endedAt) {
                wx.showToast({ title: '请按 11:40 的格式填写时间', icon: 'none' });
                return;
              }
              this.askReason('更正签退时间', (reason) => this.sendSettle(id, { reason: reason, ended_at: endedAt }));
            },
          });
        } else {
          this.askReason('补记签退', (reason) => this.sendSettle(id, { reason: reason, ended_at: event.ends_at }));
        }
      },
    });
  },

  sendSettle(id, data) {
    api.call('hours.settle', { params: { id: id }, data: data, loading: '提交中' }).then(() => this.load()).catch(() => {});
  },

  // After approval: the hours are corrected by a ledger entry with its reason.
  correct(e) {
    const id = e.currentTarget.dataset.id;
    wx.showModal({
      title: '更正时长',
      editable: true,
      placeholderText: '更正后的时长（小时，如 2.5）',
      success: (res) => {
        if (!res.confirm) return;
        const hours = approval.correctedHours(res.content);
        if (hours === null) {
          wx.showToast({ title: '请填写 0–24 之间、以 0.25 小时为单位的时长', icon: 'none' });
          return;
        }
        this.askReason('更正原因', (reason) => {
          api.call('hours.correct', { params: { id: id }, data: { hours: hours, reason: reason }, loading: '提交中' })
            .then(() => { wx.showToast({ title: '已更正', icon: 'success' }); this.load(); }).catch(() => {});
        });
      },
    });
  },

  askReason(title, then) {
    wx.showModal({
      title: title,
      editable: true,
      placeholderText: '请填写说明（留痕备查），如：现场负责人确认服务至 11:40',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (!reason) {
          wx.showToast({ title: '请填写说明', icon: 'none' });
          return;
        }
        then(reason);
      },
    });
  },
});
