// A course: its lecturer, its materials with my progress on each, and 点课.
const api = require('../../../utils/api');
const clock = require('../../../utils/learning-clock');
const lectureView = require('../../../utils/lecture-view');

Page({
  data: { course: null, materials: [], canOrder: false, loading: true },

  onLoad(options) {
    this.courseId = Number(options.id);
  },

  onShow() {
    Promise.all([getApp().loadUser(true), api.call('lectures.course', { params: { id: this.courseId } })])
      .then(([user, course]) => {
        this.setData({
          loading: false,
          canOrder: lectureView.mayOrder(user),
          course: { id: course.id, title: course.title, topic: course.topic, summary: course.summary || '',
            minutes: course.duration_minutes, lecturer: course.lecturer ? course.lecturer.name : '',
            lecturerTitle: (course.lecturer && course.lecturer.title) || '',
            lecturerBio: (course.lecturer && course.lecturer.bio) || '' },
          materials: (course.materials || []).map((m) => {
            const mine = m.my_progress || { counted_seconds: 0, completed: false };
            return { id: m.id, title: m.title, kind: m.kind_label,
              progress: clock.progressText(mine.counted_seconds, m.floor_seconds, mine.completed),
              done: mine.completed };
          }),
        });
        wx.setNavigationBarTitle({ title: course.title });
      }).catch(() => this.setData({ loading: false }));
  },

  learn(e) {
    wx.navigateTo({ url: '/lecture/pages/learn/learn?course=' + this.courseId + '&id=' + e.currentTarget.dataset.id });
  },

  order() {
    wx.navigateTo({ url: '/lecture/pages/order/order?course=' + this.courseId });
  },
});
