// Volunteer applications in my scope: approve, or reject with a reason.
const api = require('../../utils/api');
const time = require('../../utils/time');

Page({
  data: { items: [], loading: true },

  onLoad() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return Promise.all([
      api.call('volunteers.list', { query: { status: 'pending', limit: 100 }, silent: true }),
      api.call('communities.list', { silent: true }),
    ]).then(([list, communities]) => {
      const names = {};
      (communities || []).forEach((c) => { names[c.id] = c.name; });
      this.setData({
        loading: false,
        items: (list || []).map((v) => ({
          userId: v.user_id,
          name: v.real_name,
          phone: v.phone,
          idMasked: v.id_number_masked || '',
          community: names[v.community_id] || '',
          team: v.team_name || '',
          skills: (v.skills || []).join('、'),
          appliedAt: time.formatDateTime(v.created_at),
        })),
      });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  approve(e) {
    const userId = e.currentTarget.dataset.id;
    api.call('volunteers.review', { params: { user_id: userId }, data: { decision: 'approve' }, loading: '提交中' }).then(() => {
      wx.showToast({ title: '已通过', icon: 'success' });
      this.load();
    }).catch(() => {});
  },

  reject(e) {
    const userId = e.currentTarget.dataset.id;
    wx.showModal({
      title: '不通过',
      editable: true,
      placeholderText: '请填写原因（申请人可见）',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (!reason) {
          wx.showToast({ title: '请填写原因', icon: 'none' });
          return;
        }
        api.call('volunteers.review', { params: { user_id: userId }, data: { decision: 'reject', reason: reason }, loading: '提交中' })
          .then(() => this.load()).catch(() => {});
      },
    });
  },
});
