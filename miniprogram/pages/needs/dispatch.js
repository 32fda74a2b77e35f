// 派单 for community staff: without an id, the community's needs waiting for
// a unit; with one, the suggested units with their reasons, deadlines, and
// the dispatch itself.
const api = require('../../utils/api');
const time = require('../../utils/time');
const view = require('../../utils/needs-view');
const { itemsOf, today } = require('../../utils/page-data');

Page({
  data: { needId: null, needs: [], suggestions: [], chosen: {}, acceptBy: '', dueBy: '', note: '', today: '' },

  onLoad(options) {
    const needId = options.id ? Number(options.id) : null;
    this.setData({ needId: needId, today: today() });
    if (needId) this.loadSuggestions();
    else this.loadNeeds();
  },

  loadNeeds() {
    return Promise.all(['open', 'claimed'].map((status) => api.call('needs.list', {
      query: { scope: 'community', status: status, limit: 50 }, silent: true,
    }))).then((pages) => {
      const needs = [].concat(...pages.map(itemsOf)).map((n) => Object.assign({}, n, {
        created: time.formatFullDate(n.created_at),
      }));
      this.setData({ needs: needs });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  loadSuggestions() {
    return api.call('needs.suggestions', { params: { id: this.data.needId }, query: { limit: 10 }, silent: true })
      .then((list) => this.setData({
        suggestions: (list || []).map((s) => Object.assign({}, s, { unit_id: s.unit.id, line: view.scoreLine(s) })),
      }))
      .catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  open(e) {
    wx.navigateTo({ url: '/pages/needs/detail?id=' + e.currentTarget.dataset.id });
  },

  toggle(e) {
    const id = e.currentTarget.dataset.id;
    const chosen = Object.assign({}, this.data.chosen);
    if (chosen[id]) delete chosen[id];
    else chosen[id] = true;
    this.setData({ chosen: chosen });
  },

  pickAcceptBy(e) { this.setData({ acceptBy: e.detail.value }); },
  pickDueBy(e) { this.setData({ dueBy: e.detail.value }); },
  noteInput(e) { this.setData({ note: e.detail.value }); },

  dispatch() {
    const unitIds = Object.keys(this.data.chosen).map(Number);
    if (!unitIds.length) {
      wx.showToast({ title: '请至少选择一个单位', icon: 'none' });
      return;
    }
    const data = { unit_ids: unitIds };
    if (this.data.acceptBy) data.accept_by = view.endOfDay(this.data.acceptBy);
    if (this.data.dueBy) data.due_by = view.endOfDay(this.data.dueBy);
    if (this.data.note.trim()) data.note = this.data.note.trim();
    api.call('needs.dispatch', { params: { id: this.data.needId }, data: data, loading: '派单中' }).then((duties) => {
      wx.showToast({ title: '已派单给 ' + duties.length + ' 个单位', icon: 'none' });
      wx.redirectTo({ url: '/pages/needs/detail?id=' + this.data.needId });
    }).catch(() => {});
  },
});
