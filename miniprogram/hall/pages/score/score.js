// 评委计分: a judge picks the round and the team, sees what is recorded for
// each question, and records the next answer with one big button. Another
// judge who got there first wins (409): the page says what was recorded and
// refreshes. The head judge (裁判长) taps a recorded question to correct it.
const api = require('../../../utils/api');
const entry = require('../../utils/score-entry');

Page({
  data: {
    id: 0, title: '', open: true, head: false, rounds: [], teams: [], roundIndex: 0, teamIndex: 0,
    roundNames: [], teamNames: [], questions: [], questionNo: 1, buttons: [], hint: '', total: 0, message: '',
    busy: false,
  },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
    this.entries = [];
    return this.load();
  },

  onPullDownRefresh() {
    this.refresh().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return api.call('hall.contest', { params: { id: this.data.id } }).then((contest) => {
      this.setData({
        title: contest.title, open: contest.status === 'open', head: !!contest.my_role.head_judge,
        rounds: contest.rounds, teams: contest.teams,
        roundNames: contest.rounds.map((r) => r.name), teamNames: contest.teams.map((t) => t.name),
      });
      wx.setNavigationBarTitle({ title: '评委计分' });
      return this.refresh();
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  round() { return this.data.rounds[this.data.roundIndex]; },
  team() { return this.data.teams[this.data.teamIndex]; },

  refresh() {
    return api.call('hall.entries', { params: { id: this.data.id }, silent: true }).then((entries) => {
      this.entries = entries;
      this.show(true);
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  // Redraws the grid; ``advance`` moves the question to the first open one.
  show(advance) {
    const round = this.round();
    const team = this.team();
    if (!round || !team) return;
    const shown = entry.grid(round, this.entries, team.id);
    this.setData({
      questions: shown.questions, buttons: entry.buttons(round), hint: entry.hint(round),
      total: entry.roundTotal(round, this.entries, team.id),
      questionNo: advance ? (shown.next || this.data.questionNo) : this.data.questionNo,
    });
  },

  pickRound(e) {
    this.setData({ roundIndex: Number(e.detail.value), message: '' });
    this.show(true);
  },

  pickTeam(e) {
    this.setData({ teamIndex: Number(e.detail.value), message: '' });
    this.show(true);
  },

  pickQuestion(e) {
    const no = Number(e.currentTarget.dataset.no);
    const question = this.data.questions[no - 1];
    if (question && question.done && this.data.head && this.data.open) {
      this.correct(question.entry);
      return;
    }
    this.setData({ questionNo: no, message: question && question.done ? '第' + no + '题已录入：' + question.text : '' });
  },

  record(e) {
    const choice = this.data.buttons[Number(e.currentTarget.dataset.index)];
    if (!choice || this.data.busy) return Promise.resolve();
    if (choice.outcome === 'points') {
      return new Promise((resolve) => wx.showModal({
        title: '第' + this.data.questionNo + '题给分', editable: true, placeholderText: '0 到 ' + this.round().points_correct,
        success: (res) => resolve(res.confirm ? this.send(choice, res.content) : null),
      }));
    }
    return this.send(choice);
  },

  send(choice, points) {
    const built = entry.bodyFor(this.round(), this.team(), this.data.questionNo, choice, points);
    if (built.problem) {
      wx.showToast({ title: built.problem, icon: 'none' });
      return Promise.resolve();
    }
    this.setData({ busy: true });
    return api.call('hall.enter', { params: { id: this.data.id }, data: built.body, silent: true }).then((saved) => {
      wx.vibrateShort({ type: 'light' });
      this.setData({ busy: false, message: '已记录：' + this.team().name + ' 第' + saved.question_no + '题 ' + entry.describe(saved) });
      return this.refresh();
    }).catch((error) => {
      this.setData({ busy: false, message: entry.conflictText(error) });
      if (error.status !== 409) wx.showToast({ title: error.message, icon: 'none' });
      return error.status === 409 ? this.refresh() : null;
    });
  },

  // The head judge's correction: the new outcome, then the reason.
  correct(old) {
    const round = this.round();
    const choices = entry.buttons(round).concat([{ outcome: 'void', label: '作废（计 0 分）' }]);
    return new Promise((resolve) => wx.showActionSheet({
      itemList: choices.map((c) => c.label),
      success: (picked) => wx.showModal({
        title: '更正原因', editable: true, placeholderText: '例如：复核录像后更正',
        success: (res) => {
          if (!res.confirm) return resolve();
          const choice = choices[picked.tapIndex];
          const body = { outcome: choice.outcome, reason: (res.content || '').trim() };
          if (round.kind === 'risk') body.tier = choice.tier || old.tier;
          if (choice.outcome === 'points') body.points = old.points > 0 ? old.points : 0;
          if (!body.reason) {
            wx.showToast({ title: '请填写更正原因', icon: 'none' });
            return resolve();
          }
          resolve(api.call('hall.correct', { params: { id: this.data.id, entryId: old.id }, data: body, silent: true })
            .then((saved) => this.setData({ message: '已更正第' + saved.question_no + '题：' + entry.describe(saved) }))
            .catch((error) => this.setData({ message: entry.conflictText(error) }))
            .then(() => this.refresh()));
        },
      }),
      fail: () => resolve(),
    }));
  },

  results() {
    wx.navigateTo({ url: '/hall/pages/result/result?id=' + this.data.id });
  },
});
