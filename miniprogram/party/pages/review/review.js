// 党员审核 (branch organisers): my branches' members and declarations;
// confirm, reject with a reason, or mark a confirmed member as transferred out.
const api = require('../../../utils/api');
const pageData = require('../../../utils/page-data');
const view = require('../../utils/party-view');

const FILTERS = [{ status: 'pending', label: '待确认' }, { status: 'confirmed', label: '已确认' },
  { status: 'rejected', label: '未通过' }, { status: 'left', label: '已转出' }];

Page({
  data: { branches: [], branchIndex: 0, filters: FILTERS, filterIndex: 0, members: [], total: 0, state: 'loading' },

  onLoad() {
    api.call('party.branches', { query: { organised: true, limit: 100 }, silent: true }).then((page) => {
      const branches = pageData.itemsOf(page).map((b) => ({ id: b.id, name: b.name, pending: b.pending_count || 0 }));
      this.setData({ branches: branches, state: branches.length ? 'loading' : 'empty' });
      if (branches.length) this.load();
    }).catch(() => this.setData({ state: 'failed' }));
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const branch = this.data.branches[this.data.branchIndex];
    if (!branch) return Promise.resolve();
    const query = { status: FILTERS[this.data.filterIndex].status, limit: 100 };
    return api.call('party.members', { params: { id: branch.id }, query: query, silent: true }).then((page) => {
      this.setData({ members: page.items.map(view.memberRow), total: page.total, state: page.total ? 'ready' : 'empty' });
    }).catch(() => this.setData({ state: 'failed' }));
  },

  pickBranch(e) {
    this.setData({ branchIndex: Number(e.detail.value) });
    this.load();
  },

  pickFilter(e) {
    this.setData({ filterIndex: Number(e.currentTarget.dataset.index) });
    this.load();
  },

  confirm(e) {
    const id = Number(e.currentTarget.dataset.id);
    api.call('party.confirm', { params: { id: id }, loading: '确认中' }).then(() => {
      wx.showToast({ title: '已确认', icon: 'success' });
      this.load();
    }).catch(() => this.load());
  },

  // Reject or mark as left: both need a reason the member will read.
  withReason(e) {
    const id = Number(e.currentTarget.dataset.id);
    const action = e.currentTarget.dataset.action;
    const title = action === 'reject' ? '不通过的原因' : '转出说明';
    wx.showModal({
      title: title, editable: true, placeholderText: '2 到 200 字，党员本人可以看到',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (reason.length < 2) {
          wx.showToast({ title: '请填写 2 到 200 字的原因', icon: 'none' });
          return;
        }
        const options = { params: { id: id }, data: { reason: reason }, loading: '提交中' };
        const sent = action === 'reject' ? api.call('party.reject', options) : api.call('party.leave', options);
        sent.then(() => {
          wx.showToast({ title: '已提交', icon: 'success' });
          this.load();
        }).catch(() => this.load());
      },
    });
  },
});
