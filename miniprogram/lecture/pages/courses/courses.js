// 聚沙讲堂: the course catalogue, filtered by topic.
const api = require('../../../utils/api');
const lectureView = require('../../../utils/lecture-view');

Page({
  data: { topics: ['全部'], topicIndex: 0, items: [], loading: true, canOrder: false, runsOffice: false },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const topic = this.data.topicIndex > 0 ? this.data.topics[this.data.topicIndex] : undefined;
    const query = { limit: 50 };
    if (topic) query.topic = topic;
    return Promise.all([getApp().loadUser(true), api.call('lectures.courses', { query: query, silent: true })])
      .then(([user, page]) => {
        this.setData({
          loading: false,
          canOrder: lectureView.mayOrder(user),
          runsOffice: lectureView.runsOffice(user),
          topics: ['全部'].concat((page && page.topics) || []),
          items: ((page && page.items) || []).map((c) => ({
            id: c.id, title: c.title, topic: c.topic, minutes: c.duration_minutes,
            lecturer: (c.lecturer && c.lecturer.name) || '', materials: c.material_count,
          })),
        });
      }).catch((error) => {
        this.setData({ loading: false });
        wx.showToast({ title: error.message, icon: 'none' });
      });
  },

  pickTopic(e) {
    this.setData({ topicIndex: Number(e.detail.value) });
    this.load();
  },

  open(e) {
    wx.navigateTo({ url: '/lecture/pages/course/course?id=' + e.currentTarget.dataset.id });
  },

  openOrders() {
    wx.navigateTo({ url: '/lecture/pages/order/order' });
  },

  openOffice() {
    wx.navigateTo({ url: '/lecture/pages/office/office' });
  },
});
