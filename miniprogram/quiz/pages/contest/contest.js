// One contest: the rules, my attempts, start (or go on with) an attempt,
// the leaderboard, my certificate; organisers open the results.
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const view = require('../../utils/quiz-view');

Page({
  data: { id: null, contest: null, actions: {}, attempts: [] },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
  },

  onShow() {
    this.load();
  },

  load() {
    return api.call('quiz.contest', { params: { id: this.data.id } }).then((contest) => {
      const attempts = (contest.my_attempts || []).map((a) => Object.assign({}, a, {
        line: a.status === 'finished' ? '答对 ' + a.correct_count + '/' + contest.question_count + ' 题，用时 ' +
          view.duration(a.total_ms) : '答题中',
      }));
      this.setData({
        contest: Object.assign({}, contest, {
          line: view.contestLine(contest),
          period: time.formatDateTime(contest.starts_at) + ' 至 ' + time.formatDateTime(contest.ends_at),
          boardLabel: contest.leaderboard === 'live' ? '排行榜实时公布' : '排行榜在竞赛结束后公布',
        }),
        attempts: attempts,
        actions: view.contestActions(contest),
      });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  start() {
    const number = this.data.contest.next_number;
    api.call('quiz.start', { params: { id: this.data.id }, data: { number: number }, loading: '正在抽题' })
      .then((attempt) => wx.navigateTo({ url: '/quiz/pages/attempt/attempt?id=' + attempt.id }))
      .catch((error) => {
        wx.showToast({ title: error.message, icon: 'none' });
        this.load();
      });
  },

  resume() {
    wx.navigateTo({ url: '/quiz/pages/attempt/attempt?id=' + this.data.actions.resume });
  },

  openAttempt(e) {
    wx.navigateTo({ url: '/quiz/pages/attempt/attempt?id=' + e.currentTarget.dataset.id });
  },

  board() {
    wx.navigateTo({ url: '/quiz/pages/board/board?id=' + this.data.id });
  },

  results() {
    wx.navigateTo({ url: '/quiz/pages/results/results?id=' + this.data.id });
  },

  certificate() {
    api.download('quiz.certificate', { params: { id: this.data.id }, loading: '正在生成证书' })
      .then((filePath) => wx.openDocument({ filePath: filePath, fileType: 'pdf', showMenu: true }))
      .catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },
});
