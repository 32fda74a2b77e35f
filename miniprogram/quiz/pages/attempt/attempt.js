// Answering: one question at a time with a countdown taken from the server's
// times (answer_by on server_time's clock); when it reaches 0 whatever is
// chosen is sent and the server judges it (late is wrong). The key and the
// explanations only come with the finished attempt's review.
const api = require('../../../utils/api');
const view = require('../../utils/quiz-view');

const TICK_MS = 250;

Page({
  data: { id: null, attempt: null, rows: [], chosen: [], left: 0, sending: false, review: [], finished: false,
    durationText: '' },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
    this.offset = 0;
    this.load();
  },

  onUnload() {
    this.stopClock();
  },

  load() {
    return api.call('quiz.attempt', { params: { id: this.data.id } }).then((attempt) => this.show(attempt))
      .catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  // Every answer of the server (start, answer, finish, reload) passes here.
  show(attempt) {
    this.offset = view.clockOffset(attempt.server_time, Date.now());
    if (attempt.status === 'finished') {
      this.stopClock();
      this.setData({ attempt: attempt, finished: true, review: view.reviewRows(attempt.review), rows: [],
        durationText: view.duration(attempt.total_ms) });
      return;
    }
    this.setData({ attempt: attempt, finished: false, chosen: [], rows: view.optionRows(attempt.question.options, []),
      left: view.secondsLeft(attempt.answer_by, this.offset, Date.now()) });
    this.startClock();
  },

  startClock() {
    this.stopClock();
    this.clock = setInterval(() => this.tick(), TICK_MS);
  },

  stopClock() {
    if (this.clock) clearInterval(this.clock);
    this.clock = null;
  },

  tick() {
    const attempt = this.data.attempt;
    if (!attempt || this.data.finished) return;
    const left = view.secondsLeft(attempt.answer_by, this.offset, Date.now());
    if (left !== this.data.left) this.setData({ left: left });
    if (left === 0 && !this.data.sending) this.submit();
  },

  pick(e) {
    const chosen = view.toggle(this.data.attempt.question.kind, this.data.chosen, Number(e.currentTarget.dataset.place));
    this.setData({ chosen: chosen, rows: view.optionRows(this.data.attempt.question.options, chosen) });
  },

  submit() {
    if (this.data.sending) return Promise.resolve();
    this.setData({ sending: true });
    const body = view.answerBody(this.data.attempt.position, this.data.chosen);
    return api.call('quiz.answer', { params: { id: this.data.id }, data: body, silent: true })
      .then((attempt) => {
        this.setData({ sending: false });
        this.show(attempt);
      })
      .catch((error) => {
        this.setData({ sending: false });
        if (view.shouldReload(error.code)) return this.load();
        this.stopClock();
        wx.showToast({ title: error.message, icon: 'none' });
        return null;
      });
  },

  finish() {
    wx.showModal({ title: '交卷', content: '未作答的题目将按答错计算，确定交卷吗？', success: (res) => {
      if (!res.confirm) return;
      api.call('quiz.finish', { params: { id: this.data.id }, loading: '正在交卷' }).then((a) => this.show(a))
        .catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
    } });
  },

  back() {
    wx.navigateBack();
  },
});
