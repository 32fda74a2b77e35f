// The 讲堂 office: orders waiting for a lecturer; confirm (publishes the
// 共享党课 event) or decline with a reason.
const api = require('../../../utils/api');
const lectureView = require('../../../utils/lecture-view');

Page({
  data: { orders: [], lecturers: [], loading: true },

  onShow() {
    this.load();
  },

  load() {
    return Promise.all([
      api.call('lectures.orders', { query: { status: 'requested', limit: 50 }, silent: true }),
      api.call('lectures.lecturers', { query: { limit: 100 }, silent: true }),
    ]).then(([page, lecturers]) => {
      this.setData({
        loading: false,
        orders: ((page && page.items) || []).map(lectureView.orderCard),
        lecturers: ((lecturers && lecturers.items) || []).map((l) => ({ id: l.id,
          label: l.name + (l.title ? '（' + l.title + '）' : '') })),
      });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  confirm(e) {
    const id = Number(e.currentTarget.dataset.id);
    const lecturer = this.data.lecturers[Number(e.detail.value)];
    if (!lecturer) return;
    api.call('lectures.confirmOrder', { params: { id: id }, data: { lecturer_id: lecturer.id }, loading: '确认中' })
      .then(() => { wx.showToast({ title: '已确认，共享党课已发布', icon: 'success' }); this.load(); })
      .catch(() => {});
  },

  decline(e) {
    const id = e.currentTarget.dataset.id;
    wx.showModal({
      title: '婉拒点课', editable: true, placeholderText: '请填写原因，点课方会看到',
      success: (res) => {
        if (!res.confirm) return;
        api.call('lectures.declineOrder', { params: { id: id }, data: { reason: (res.content || '').trim() } })
          .then(() => { wx.showToast({ title: '已婉拒', icon: 'success' }); this.load(); })
          .catch(() => {});
      },
    });
  },
});
