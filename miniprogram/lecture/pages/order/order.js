// 点课 / 送学: community staff or a unit's contact order a course for a
// date, place and audience; their orders below, cancellable while waiting.
const api = require('../../../utils/api');
const eventForm = require('../../../utils/event-form');
const lectureView = require('../../../utils/lecture-view');
const { showProblems } = require('../../../utils/page-data');

Page({
  data: {
    courses: [], courseIndex: -1, choices: [], choiceIndex: -1,
    form: { date: '', time: '09:00', place: '', audience: '', expectedSize: '', note: '' },
    errors: {}, orders: [], submitting: false,
  },

  onLoad(options) {
    this.wantedCourse = Number(options.course) || null;
    Promise.all([getApp().loadUser(true), api.call('communities.list', { silent: true }),
      api.call('lectures.courses', { query: { limit: 100 }, silent: true })]).then(([user, communities, page]) => {
      const choices = lectureView.ordererChoices(user, communities);
      const courses = ((page && page.items) || []).map((c) => ({ id: c.id, title: c.title }));
      const wanted = courses.findIndex((c) => c.id === this.wantedCourse);
      this.setData({ choices: choices, choiceIndex: choices.length === 1 ? 0 : -1, courses: courses,
        courseIndex: wanted });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
    this.loadOrders();
  },

  loadOrders() {
    return api.call('lectures.orders', { query: { limit: 50 }, silent: true }).then((page) => {
      this.setData({ orders: ((page && page.items) || []).map(lectureView.orderCard) });
    }).catch(() => {});
  },

  input(e) {
    const field = e.currentTarget.dataset.field;
    this.setData({ ['form.' + field]: e.detail.value, ['errors.' + field]: '' });
  },

  pickCourse(e) {
    this.setData({ courseIndex: Number(e.detail.value), 'errors.course_id': '' });
  },

  pickChoice(e) {
    this.setData({ choiceIndex: Number(e.detail.value), 'errors.community_id': '' });
  },

  pickDate(e) {
    this.setData({ 'form.date': e.detail.value, 'errors.starts_at': '' });
  },

  pickTime(e) {
    this.setData({ 'form.time': e.detail.value, 'errors.starts_at': '' });
  },

  submit() {
    const course = this.data.courses[this.data.courseIndex];
    const built = lectureView.buildOrder(Object.assign({}, this.data.form,
      { orderer: this.data.choices[this.data.choiceIndex] }), course ? course.id : null);
    if (!course) built.problems.course_id = '请选择课程';
    if (showProblems(this, built.problems)) return;
    this.setData({ submitting: true });
    api.call('lectures.placeOrder', { data: built.body, loading: '提交中' }).then(() => {
      this.setData({ submitting: false });
      wx.showToast({ title: '已提交，等待讲堂确认', icon: 'success' });
      this.loadOrders();
    }).catch((error) => {
      this.setData({ submitting: false, errors: eventForm.serverProblems(error) });
    });
  },

  cancel(e) {
    const id = e.currentTarget.dataset.id;
    wx.showModal({
      title: '取消点课', editable: true, placeholderText: '请填写取消原因',
      success: (res) => {
        if (!res.confirm) return;
        api.call('lectures.cancelOrder', { params: { id: id }, data: { reason: (res.content || '').trim() } })
          .then(() => { wx.showToast({ title: '已取消', icon: 'success' }); this.loadOrders(); })
          .catch(() => {});
      },
    });
  },
});
