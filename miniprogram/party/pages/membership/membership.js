// 我的党组织: my declared membership and its review; declare or change it
// (branch picker, 入党日期, 在职党员 switch, work unit picker); go and 报到.
const api = require('../../../utils/api');
const pageData = require('../../../utils/page-data');
const eventForm = require('../../../utils/event-form');
const view = require('../../utils/party-view');

Page({
  data: {
    membership: null,
    report: null,
    canReport: false,
    editing: false,
    branches: [],
    branchIndex: -1,
    units: [],
    unitIndex: -1,
    form: { joinedOn: '', inService: false },
    errors: {},
    today: '',
    loaded: false,
    submitting: false,
  },

  onLoad() {
    this.setData({ today: pageData.today() });
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return pageData.settle([
      api.call('party.mine', { silent: true }),
      api.call('party.branches', { query: { limit: 100 }, silent: true }),
      api.call('party.workUnits', { query: { status: 'active', limit: 100 }, silent: true }),
    ]).then(([mine, branches, units]) => {
      const branchList = pageData.itemsOf(branches.ok ? branches.value : null);
      const unitList = pageData.itemsOf(units.ok ? units.value : null);
      this.setData({ branches: branchList, units: unitList, loaded: true });
      if (!mine.ok) {
        wx.showToast({ title: mine.error.message, icon: 'none' });
        return;
      }
      this.show(mine.value);
    });
  },

  show(mine) {
    const membership = view.membershipView(mine.membership);
    const raw = mine.membership || {};
    this.setData({
      membership: membership,
      report: view.reportView(mine.report),
      canReport: !!mine.can_report,
      editing: !membership,
      branchIndex: this.data.branches.findIndex((b) => raw.branch && b.id === raw.branch.id),
      unitIndex: this.data.units.findIndex((u) => raw.work_unit && u.id === raw.work_unit.id),
      form: { joinedOn: raw.joined_on || '', inService: !!raw.in_service },
      errors: {},
    });
  },

  edit() {
    this.setData({ editing: true });
  },

  pickBranch(e) {
    this.setData({ branchIndex: Number(e.detail.value), 'errors.branch_id': '' });
  },

  pickUnit(e) {
    this.setData({ unitIndex: Number(e.detail.value), 'errors.work_unit_id': '' });
  },

  pickDate(e) {
    this.setData({ 'form.joinedOn': e.detail.value, 'errors.joined_on': '' });
  },

  toggleService(e) {
    this.setData({ 'form.inService': !!e.detail.value, 'errors.work_unit_id': '' });
  },

  submit() {
    const built = view.buildDeclaration({
      branch: this.data.branches[this.data.branchIndex], workUnit: this.data.units[this.data.unitIndex],
      joinedOn: this.data.form.joinedOn, inService: this.data.form.inService,
    }, this.data.today);
    if (pageData.showProblems(this, built.problems)) return;
    this.setData({ submitting: true });
    api.call('party.declare', { data: built.body, loading: '提交中' }).then((mine) => {
      this.setData({ submitting: false });
      wx.showToast({ title: '已提交，待党组织确认', icon: 'none' });
      this.show(mine);
    }).catch((error) => {
      this.setData({ submitting: false, errors: eventForm.serverProblems(error) });
    });
  },

  withdraw() {
    wx.showModal({
      title: '撤回党员信息', content: '撤回后党组织将看不到您的申报，确定撤回吗？',
      success: (res) => {
        if (!res.confirm) return;
        api.call('party.withdraw', { loading: '撤回中' }).then(() => {
          wx.showToast({ title: '已撤回', icon: 'success' });
          this.show({ membership: null, report: null, can_report: false });
        }).catch(() => {});
      },
    });
  },

  goReport() {
    wx.navigateTo({ url: '/party/pages/report/report' });
  },

  goLearning() {
    wx.navigateTo({ url: '/party/pages/learning/learning' });
  },
});
