// 我的错题本: questions I got wrong, with the key; 再练一次 answers one again
// (a right answer takes it off the list).
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const view = require('../../utils/quiz-view');

function shape(item, chosen) {
  return Object.assign({}, item, {
    picked: chosen || [],
    rows: view.optionRows(item.options, chosen || [], item.showKey ? item.answer : null),
    answerLetters: view.lettersOf(item.answer),
    when: time.formatFullDate(item.last_wrong_at),
  });
}

Page({
  data: { items: [], total: 0, loading: false },

  onShow() {
    this.load();
  },

  load() {
    this.setData({ loading: true });
    return api.call('quiz.wrongAnswers', { query: { limit: 50 }, silent: true }).then((page) => {
      this.setData({ items: page.items.map((item) => shape(item)), total: page.total, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  pick(e) {
    const index = Number(e.currentTarget.dataset.index);
    const item = this.data.items[index];
    const chosen = view.toggle(item.kind, item.picked, Number(e.currentTarget.dataset.place));
    this.setData({ ['items[' + index + ']']: shape(item, chosen) });
  },

  reveal(e) {
    const index = Number(e.currentTarget.dataset.index);
    const item = Object.assign({}, this.data.items[index], { showKey: true });
    this.setData({ ['items[' + index + ']']: shape(item, item.picked) });
  },

  retry(e) {
    const item = this.data.items[Number(e.currentTarget.dataset.index)];
    return api.call('quiz.practise', { data: { question_id: item.id, choice: item.picked } }).then((result) => {
      wx.showToast({ title: result.is_correct ? '回答正确，已移出错题本' : '还是不对，再看看解析', icon: 'none' });
      return this.load();
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },
});
