const api = require('../../utils/api');
const format = require('../../utils/format');
const identity = require('../../utils/identity');
const teams = require('../../utils/teams');
const eventForm = require('../../utils/event-form');
const time = require('../../utils/time');

const SKILLS = ['医疗护理', '心理疏导', '法律咨询', '文艺表演', '摄影宣传', '家电维修', '教育辅导', '外语翻译', '驾驶', '调解纠纷'];

Page({
  data: {
    loading: true,
    application: null, // the current application and its status
    communities: [],
    communityIndex: -1,
    squads: [],
    squadIndex: -1,
    skills: SKILLS.map((name) => ({ name: name, checked: false })),
    form: { real_name: '', phone: '', id_number: '' },
    consent: false,
    consentNotice: null,
    errors: {},
    submitting: false,
    showForm: false,
  },

  onLoad() {
    this.load();
  },

  load() {
    const mine = api.call('volunteers.mine', { silent: true }).catch((error) => {
      if (error.status === 404) return null;
      throw error;
    });
    return Promise.all([
      mine,
      api.call('communities.list', { silent: true }),
      api.call('volunteers.consent', { silent: true }),
      api.call('teams.tree', { silent: true }),
      getApp().loadUser().catch(() => null),
    ]).then(([application, communities, consentNotice, tree, user]) => {
      const communityIndex = user && user.community ? communities.findIndex((c) => c.id === user.community.id) : -1;
      this.tree = tree || [];
      this.communities = communities;
      this.setData({
        loading: false,
        consentNotice: consentNotice,
        application: application ? this.applicationView(application) : null,
        showForm: !application || application.status === 'rejected' || application.status === 'left',
        communities: communities,
        communityIndex: communityIndex,
        'form.real_name': (user && user.name) || '',
        'form.phone': (user && user.phone) || '',
      });
      this.loadSquads(communityIndex >= 0 ? communities[communityIndex].id : null);
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  applicationView(a) {
    return {
      status: a.status,
      statusLabel: format.label(format.VOLUNTEER_STATUS_LABELS, a.status),
      realName: a.real_name,
      phone: a.phone,
      idMasked: a.id_number_masked || '',
      community: this.communityName(a.community_id),
      team: a.team_name || '',
      skills: (a.skills || []).join('、'),
      reason: a.review_reason || '',
      appliedAt: time.formatDateTime(a.created_at),
    };
  },

  communityName(id) {
    const found = (this.communities || []).find((c) => c.id === id);
    return found ? found.name : '';
  },

  // Squads of the chosen community first, then the rest of the tree.
  loadSquads(communityId) {
    const list = teams.squads(this.tree, communityId);
    const own = list.length && communityId && list[0].community_id === Number(communityId);
    this.setData({ squads: list, squadIndex: own ? 0 : -1 });
  },

  input(e) {
    this.setData({ ['form.' + e.currentTarget.dataset.field]: e.detail.value, ['errors.' + e.currentTarget.dataset.field]: '' });
  },

  pickCommunity(e) {
    const index = Number(e.detail.value);
    this.setData({ communityIndex: index, 'errors.community_id': '' });
    this.loadSquads(this.data.communities[index].id);
  },

  pickSquad(e) {
    this.setData({ squadIndex: Number(e.detail.value) });
  },

  toggleSkill(e) {
    const index = e.currentTarget.dataset.index;
    this.setData({ ['skills[' + index + '].checked']: !this.data.skills[index].checked });
  },

  toggleConsent() {
    this.setData({ consent: !this.data.consent, 'errors.consent': '' });
  },

  // The notice comes from the server (its version is what consent is recorded against).
  showRules() {
    const notice = this.data.consentNotice;
    wx.showModal({
      title: '个人信息处理规则',
      content: notice ? notice.text : '个人信息处理规则加载失败，请返回后重试',
      showCancel: false,
      confirmText: '我知道了',
    });
  },

  edit() {
    this.setData({ showForm: true });
  },

  submit() {
    const community = this.data.communities[this.data.communityIndex];
    const squad = this.data.squads[this.data.squadIndex];
    const body = {
      real_name: this.data.form.real_name.trim(),
      phone: this.data.form.phone.trim(),
      id_number: this.data.form.id_number.trim().toUpperCase(),
      community_id: community ? community.id : null,
      team_id: squad ? squad.id : null,
      skills: this.data.skills.filter((s) => s.checked).map((s) => s.name),
      consent: this.data.consent,
    };
    const problems = identity.applicationProblems(body);
    if (!this.data.consentNotice) problems.consent = '个人信息处理规则未能加载，请返回后重试';
    this.setData({ errors: problems });
    if (Object.keys(problems).length) {
      wx.showToast({ title: problems[Object.keys(problems)[0]], icon: 'none' });
      return;
    }
    delete body.consent;
    body.consent_agreed = true;
    body.consent_version = this.data.consentNotice.version;
    this.setData({ submitting: true });
    api.call('volunteers.apply', { data: body, loading: '提交中' }).then((application) => {
      this.setData({ submitting: false, application: this.applicationView(application), showForm: false });
      wx.showToast({ title: '已提交，等待审核', icon: 'success' });
    }).catch((error) => {
      this.setData({ submitting: false, errors: eventForm.serverProblems(error) });
    });
  },
});
