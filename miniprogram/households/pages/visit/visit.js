// 记一次走访: date, how (走访/电话/微信), what was discussed, needs found; a
// need found can go straight onto the alliance's 需求清单, a problem found
// become a 随手拍 work order of the household's grid.
const api = require('../../../utils/api');
const view = require('../../utils/view');
const { today } = require('../../../utils/page-data');
const needsView = require('../../../utils/needs-view');

Page({
  data: {
    id: null,
    kinds: view.KINDS,
    kindIndex: 0,
    needKinds: needsView.NEED_KINDS,
    needKindIndex: 0,
    wantNeed: false,
    wantReport: false,
    reportCategories: view.REPORT_CATEGORIES,
    reportCategoryIndex: 0,
    saving: false,
    form: { visited_on: '', discussed: '', needs_found: '', need_title: '', need_service: '' },
  },

  onLoad(options) {
    this.setData({ id: Number(options.id), 'form.visited_on': today() });
  },

  input(e) {
    this.setData({ ['form.' + e.currentTarget.dataset.field]: e.detail.value });
  },

  pickDate(e) {
    this.setData({ 'form.visited_on': e.detail.value });
  },

  pickKind(e) {
    this.setData({ kindIndex: Number(e.detail.value) });
  },

  pickNeedKind(e) {
    this.setData({ needKindIndex: Number(e.detail.value) });
  },

  toggleNeed(e) {
    this.setData({ wantNeed: !!e.detail.value });
  },

  toggleReport(e) {
    this.setData({ wantReport: !!e.detail.value });
  },

  pickReportCategory(e) {
    this.setData({ reportCategoryIndex: Number(e.detail.value) });
  },

  submit() {
    if (this.data.saving) return;
    const form = Object.assign({}, this.data.form, {
      kind: this.data.kinds[this.data.kindIndex].value,
      need_kind: this.data.needKinds[this.data.needKindIndex].value,
      report_category: this.data.reportCategories[this.data.reportCategoryIndex].value,
    });
    const checked = view.visitBody(form, this.data.wantNeed, this.data.wantReport);
    if (!checked.ok) {
      wx.showToast({ title: checked.message, icon: 'none' });
      return;
    }
    this.setData({ saving: true });
    api.call('households.logVisit', { params: { id: this.data.id }, data: checked.body, loading: '正在保存' })
      .then((visit) => {
        const sent = [visit.need_id ? '需求已提交' : '', visit.work_order_id ? '工单已派给网格' : ''].filter(Boolean);
        wx.showToast({ title: sent.length ? '已记录，' + sent.join('，') : '已记录', icon: 'success' });
        setTimeout(() => wx.navigateBack(), 800);
      })
      .catch(() => this.setData({ saving: false }));
  },
});
