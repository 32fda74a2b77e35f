// Compose a notice: template, field values within WeChat's limits, the page
// it opens, the audience; preview who gets it; then send now or at a time.
const api = require('../../utils/api');
const time = require('../../utils/time');
const compose = require('../../utils/notice-compose');
const teams = require('../../utils/teams');
const eventForm = require('../../utils/event-form');
const { today, itemsOf, listState, pickerPlaceholder } = require('../../utils/page-data');


Page({
  data: {
    templates: [],
    templateIndex: -1,
    values: {},
    fields: [],
    shorten: false,
    audienceKinds: compose.AUDIENCE_KINDS,
    audienceIndex: 0,
    events: [],
    eventIndex: -1,
    // The event picker's placeholder: never "暂无活动" when the list failed to load.
    eventsPlaceholder: pickerPlaceholder('loading'),
    communities: [],
    communityIndex: -1,
    teamOptions: [],
    teamIndex: -1,
    volunteers: [],
    volunteersLoaded: false,
    chosenIds: [],
    pages: compose.NOTICE_PAGES,
    pageIndex: 0,
    scheduled: false,
    sendDate: today(),
    sendTime: '08:00',
    errors: {},
    preview: null,
    sending: false,
  },

  onLoad(options) {
    this.wantedEventId = options.event_id ? Number(options.event_id) : null;
    const from = time.toPickers(Date.now() - 7 * 86400000).date;
    Promise.all([
      api.call('subscriptions.templates', { silent: true }),
      api.call('events.list', { query: { mine: true, from: from, limit: 50 }, silent: true }),
      getApp().loadUser(true),
      api.call('communities.list', { silent: true }),
      api.call('teams.tree', { silent: true }),
    ]).then(([templates, page, user, communities, tree]) => {
      const events = itemsOf(page).filter((e) => e.status !== 'cancelled');
      const eventIndex = events.findIndex((e) => e.id === this.wantedEventId);
      const hosts = eventForm.hostChoices(user, communities).filter((h) => h.community_id);
      this.events = events;
      this.setData({
        templates: templates || [],
        events: events.map((e) => ({ id: e.id, label: time.formatDate(e.starts_at) + ' ' + e.title })),
        eventIndex: eventIndex >= 0 ? eventIndex : (events.length ? 0 : -1),
        eventsPlaceholder: pickerPlaceholder(listState({ ok: true }, events), '暂无活动'),
        communities: hosts.map((h) => ({ id: h.community_id, name: h.label })),
        communityIndex: hosts.length === 1 ? 0 : -1,
        teamOptions: this.teamOptions(tree),
      });
      const first = (templates || []).findIndex((t) => t.name === 'event_reminder');
      this.chooseTemplate(first >= 0 ? first : 0);
    }).catch((error) => {
      this.setData({ eventsPlaceholder: pickerPlaceholder('failed') });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  teamOptions(tree) {
    const options = [];
    (function walk(nodes, depth) {
      (nodes || []).forEach((n) => {
        options.push({ id: n.id, label: '　'.repeat(depth) + n.name });
        walk(n.children, depth + 1);
      });
    }(tree, 0));
    return options;
  },

  selectedEvent() {
    return this.events ? this.events[this.data.eventIndex] : null;
  },

  chooseTemplate(index) {
    const template = this.data.templates[index];
    if (!template) return;
    const values = compose.prefill(template, this.selectedEvent());
    this.setData({ templateIndex: index, values: values, preview: null, errors: {} });
    this.refreshFields();
  },

  refreshFields() {
    const template = this.data.templates[this.data.templateIndex];
    this.setData({ fields: compose.fieldViews(template, this.data.values, this.data.shorten) });
  },

  pickTemplate(e) {
    this.chooseTemplate(Number(e.detail.value));
  },

  fieldInput(e) {
    this.setData({ ['values.' + e.currentTarget.dataset.key]: e.detail.value, preview: null });
    this.refreshFields();
  },

  toggleShorten(e) {
    this.setData({ shorten: e.detail.value, preview: null });
    this.refreshFields();
  },

  pickAudience(e) {
    this.setData({ audienceIndex: Number(e.detail.value), preview: null, 'errors.audience': '' });
    if (this.data.audienceKinds[this.data.audienceIndex].needs === 'user_ids') this.loadVolunteers();
  },

  // Approved volunteers in my scope (the server lists only those), loaded once.
  loadVolunteers() {
    if (this.data.volunteersLoaded) return Promise.resolve();
    return api.call('volunteers.list', { query: { status: 'approved', limit: 200 }, loading: '加载中' }).then((list) => {
      this.setData({
        volunteersLoaded: true,
        volunteers: (list || []).map((v) => ({ userId: v.user_id, name: v.real_name, team: v.team_name || '', checked: false })),
      });
    }).catch(() => {});
  },

  pickVolunteers(e) {
    const chosen = (e.detail.value || []).map(Number);
    this.setData({
      chosenIds: chosen,
      volunteers: this.data.volunteers.map((v) => Object.assign({}, v, { checked: chosen.indexOf(v.userId) >= 0 })),
      preview: null,
      'errors.audience': '',
    });
  },

  pickEvent(e) {
    this.setData({ eventIndex: Number(e.detail.value), preview: null });
    const template = this.data.templates[this.data.templateIndex];
    this.setData({ values: Object.assign({}, this.data.values, compose.prefill(template, this.selectedEvent())) });
    this.refreshFields();
  },

  pickCommunity(e) {
    this.setData({ communityIndex: Number(e.detail.value), preview: null });
  },

  pickTeam(e) {
    this.setData({ teamIndex: Number(e.detail.value), preview: null });
  },

  pickPage(e) {
    this.setData({ pageIndex: Number(e.detail.value), preview: null });
  },

  toggleSchedule(e) {
    this.setData({ scheduled: e.detail.value, preview: null });
  },

  pickSend(e) {
    this.setData({ [e.currentTarget.dataset.field]: e.detail.value, preview: null });
  },

  target() {
    const kind = this.data.audienceKinds[this.data.audienceIndex];
    if (kind.needs === 'event_id') {
      const event = this.selectedEvent();
      return event ? event.id : null;
    }
    if (kind.needs === 'user_ids') return this.data.chosenIds;
    if (kind.needs === 'community_id') {
      const c = this.data.communities[this.data.communityIndex];
      return c ? c.id : null;
    }
    const t = this.data.teamOptions[this.data.teamIndex];
    return t ? t.id : null;
  },

  pagePath() {
    const choice = this.data.pages[this.data.pageIndex];
    if (choice.page !== compose.EVENT_PAGE) return choice.page;
    const event = this.selectedEvent();
    return event ? 'pages/event/detail?id=' + event.id : 'pages/index/index';
  },

  build() {
    const built = compose.composeBody({
      template: this.data.templates[this.data.templateIndex],
      values: this.data.values,
      shorten: this.data.shorten,
      page: this.pagePath(),
      audienceKind: this.data.audienceKinds[this.data.audienceIndex].value,
      audienceTarget: this.target(),
      sendAt: this.data.scheduled ? time.fromPickers(this.data.sendDate, this.data.sendTime) : null,
    });
    this.setData({ errors: built.problems });
    const keys = Object.keys(built.problems);
    if (keys.length) {
      wx.showToast({ title: built.problems[keys[0]], icon: 'none', duration: 3000 });
      return null;
    }
    return built.body;
  },

  previewNow() {
    const body = this.build();
    if (!body) return;
    const previewBody = Object.assign({}, body);
    delete previewBody.send_at;
    api.call('notices.preview', { data: previewBody, loading: '检查中' }).then((preview) => {
      this.setData({ preview: compose.previewView(preview) });
      wx.pageScrollTo({ selector: '#preview', duration: 300 });
    }).catch((error) => {
      const fields = error.details && error.details.fields;
      if (fields) this.setData({ errors: fields });
    });
  },

  send() {
    const body = this.build();
    if (!body || !this.data.preview) return;
    const p = this.data.preview;
    wx.showModal({
      title: this.data.scheduled ? '确认定时发送' : '确认发送',
      content: '将发送给 ' + p.withQuota + ' 人' + (p.willSkip ? '，' + p.willSkip + ' 人因未订阅将跳过' : '') + '。发送后无法撤回已送达的消息。',
      success: (res) => {
        if (!res.confirm) return;
        this.setData({ sending: true });
        api.call('notices.create', { data: body, loading: '提交中' }).then((notice) => {
          this.setData({ sending: false });
          wx.redirectTo({ url: '/organiser/pages/report?id=' + notice.id });
        }).catch(() => this.setData({ sending: false }));
      },
    });
  },
});
