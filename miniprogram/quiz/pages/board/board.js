// 排行榜: top 20 and my rank, per person, community or unit.
const api = require('../../../utils/api');
const view = require('../../utils/quiz-view');

Page({
  data: { id: null, by: 'person', rows: [], mine: null, participants: 0, published: true },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
    this.load();
  },

  pickBy(e) {
    this.setData({ by: e.currentTarget.dataset.by });
    this.load();
  },

  load() {
    return api.call('quiz.leaderboard', { params: { id: this.data.id }, query: { by: this.data.by, limit: 20 } })
      .then((board) => {
        const line = (r) => (board.by === 'person'
          ? '答对 ' + r.correct_count + ' 题 · ' + view.duration(r.total_ms)
          : r.participants + ' 人参赛 · 平均答对 ' + r.average_correct + ' 题');
        this.setData({
          rows: board.top.map((r) => Object.assign({}, r, { line: line(r), mark: r.is_me || r.is_mine })),
          mine: board.mine ? Object.assign({}, board.mine, { line: line(board.mine) }) : null,
          participants: board.participants, published: board.published,
        });
      })
      .catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },
});
