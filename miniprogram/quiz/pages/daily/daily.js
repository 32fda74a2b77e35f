// 每日一练: today's questions (the same all day), each checked at once with its explanation.
const api = require('../../../utils/api');
const view = require('../../utils/quiz-view');

function shape(item, chosen) {
  const answered = item.answer !== undefined;
  return Object.assign({}, item, {
    picked: answered ? item.chosen : (chosen || []),
    rows: view.optionRows(item.options, answered ? item.chosen : (chosen || []), answered ? item.answer : null),
    answered: answered,
    answerLetters: answered ? view.lettersOf(item.answer) : '',
  });
}

Page({
  data: { day: '', items: [], answered: 0, correct: 0, loading: false, listPage: false },

  onShow() {
    this.load();
  },

  load() {
    this.setData({ loading: true });
    return api.call('quiz.daily', { silent: true }).then((daily) => {
      this.setData({ day: daily.day, items: daily.items.map((item) => shape(item)), answered: daily.answered,
        correct: daily.correct, loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  pick(e) {
    const index = Number(e.currentTarget.dataset.index);
    const item = this.data.items[index];
    if (item.answered) return;
    const chosen = view.toggle(item.kind, item.picked, Number(e.currentTarget.dataset.place));
    this.setData({ ['items[' + index + ']']: shape(item, chosen) });
  },

  check(e) {
    const index = Number(e.currentTarget.dataset.index);
    const item = this.data.items[index];
    return api.call('quiz.practise', { data: { question_id: item.id, choice: item.picked } }).then((result) => {
      const done = Object.assign({}, item, { chosen: result.chosen, answer: result.answer, is_correct: result.is_correct,
        explanation: result.explanation, source: result.source });
      this.setData({ ['items[' + index + ']']: shape(done), answered: this.data.answered + 1,
        correct: this.data.correct + (result.is_correct ? 1 : 0) });
      wx.showToast({ title: result.is_correct ? '回答正确' : '回答错误，已加入错题本', icon: 'none' });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },
});
