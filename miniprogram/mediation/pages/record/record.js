// 登记调解 / 调解结果 / 回访: one form for what a mediator writes down on a
// case. The notes are stored encrypted.
const api = require('../../../utils/api');
const { build, OUTCOMES } = require('../../utils/record-form');

const KINDS = {
  session: { title: '登记调解', label: '调解记录', hint: '双方陈述、调解经过、下一步安排' },
  outcome: { title: '登记调解结果', label: '说明', hint: '可不填' },
  follow_up: { title: '登记回访', label: '回访记录', hint: '协议履行情况、双方近况' },
};
// Each kind's call, named in full so the contract tests see every endpoint used.
const SEND = {
  session: (options) => api.call('mediation.logSession', options),
  outcome: (options) => api.call('mediation.outcome', options),
  follow_up: (options) => api.call('mediation.followUp', options),
};
Page({
  data: { id: null, kind: 'session', meta: KINDS.session, outcomes: OUTCOMES, form: { outcomeIndex: 0 }, problem: '' },

  onLoad(options) {
    const kind = KINDS[options.kind] ? options.kind : 'session';
    this.setData({ id: Number(options.id), kind: kind, meta: KINDS[kind] });
    wx.setNavigationBarTitle({ title: KINDS[kind].title });
  },

  input(e) {
    this.setData({ ['form.' + e.currentTarget.dataset.field]: e.detail.value, problem: '' });
  },

  pickOutcome(e) {
    this.setData({ 'form.outcomeIndex': Number(e.detail.value) });
  },

  submit() {
    const built = build(this.data.kind, this.data.form);
    if (built.problem) {
      this.setData({ problem: built.problem });
      return;
    }
    SEND[this.data.kind]({ params: { id: this.data.id }, data: built.body, loading: '提交中' }).then(() => {
      wx.showToast({ title: '已保存', icon: 'success' });
      wx.navigateBack();
    }).catch((error) => this.setData({ problem: error.message }));
  },
});
