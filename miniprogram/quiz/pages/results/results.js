// 竞赛成绩 (organisers): every person's best score with full names; the
// lecture office sees everyone, community staff their own residents.
const api = require('../../../utils/api');
const view = require('../../utils/quiz-view');

Page({
  data: { id: null, items: [], total: 0 },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
    this.load();
  },

  load() {
    return api.call('quiz.results', { params: { id: this.data.id }, query: { limit: 200 } }).then((page) => {
      this.setData({ total: page.total, items: page.items.map((r) => Object.assign({}, r, {
        line: '答对 ' + r.correct_count + '/' + r.question_count + ' · ' + view.duration(r.total_ms) + ' · 答题 ' +
          r.attempts + ' 次',
        where: [r.community, r.unit].filter(Boolean).join(' · '),
      })) });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  exportXlsx() {
    api.download('quiz.resultsXlsx', { params: { id: this.data.id }, loading: '导出中' })
      .then((filePath) => wx.openDocument({ filePath: filePath, fileType: 'xlsx', showMenu: true }))
      .catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },
});
