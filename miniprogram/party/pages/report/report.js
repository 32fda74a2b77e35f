// 在职党员报到: report to the community where I live and choose the service
// posts it offers (again, to change them); end the report.
const api = require('../../../utils/api');
const pageData = require('../../../utils/page-data');
const eventForm = require('../../../utils/event-form');
const view = require('../../utils/party-view');

Page({
  data: { community: '', allPosts: [], posts: [], chosen: [], note: '', report: null, canReport: false, loaded: false,
    errors: {}, submitting: false },

  onLoad() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return pageData.settle([api.call('me.get', { silent: true }), api.call('party.mine', { silent: true })])
      .then(([me, mine]) => {
        if (!me.ok || !mine.ok) {
          wx.showToast({ title: (me.error || mine.error).message, icon: 'none' });
          return null;
        }
        const report = view.reportView(mine.value.report);
        const community = me.value.community;
        this.setData({ community: community ? community.name : '', report: report,
          canReport: !!mine.value.can_report, chosen: report ? report.postIds : [], note: report ? report.note : '' });
        if (!community) return null;
        return api.call('party.posts', { params: { id: community.id }, silent: true }).then((posts) => {
          this.setData({ allPosts: posts, posts: view.postChoices(posts, this.data.chosen) });
        });
      }).then(() => this.setData({ loaded: true }));
  },

  choose(e) {
    const chosen = (e.detail.value || []).map(Number);
    this.setData({ chosen: chosen, posts: view.postChoices(this.data.allPosts, chosen), 'errors.post_ids': '' });
  },

  input(e) {
    this.setData({ note: e.detail.value });
  },

  submit() {
    if (!this.data.chosen.length) {
      pageData.showProblems(this, { post_ids: '请至少选择 1 个服务岗位' });
      return;
    }
    this.setData({ submitting: true });
    api.call('party.report', { data: { post_ids: this.data.chosen, note: this.data.note || null }, loading: '报到中' })
      .then((mine) => {
        this.setData({ submitting: false, report: view.reportView(mine.report) });
        wx.showToast({ title: '报到成功', icon: 'success' });
        this.load();
      }).catch((error) => this.setData({ submitting: false, errors: eventForm.serverProblems(error) }));
  },

  end() {
    wx.showModal({
      title: '结束报到', content: '结束后社区将不再安排您的服务岗位，已有的服务记录会保留。确定结束吗？',
      success: (res) => {
        if (!res.confirm) return;
        api.call('party.endReport', { loading: '提交中' }).then(() => {
          wx.showToast({ title: '已结束报到', icon: 'none' });
          this.setData({ report: null, chosen: [] });
          this.load();
        }).catch(() => {});
      },
    });
  },
});
