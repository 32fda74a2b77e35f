// 议事详情: the description, the vote (one per person, changeable while it
// is open), comments, and the resolution (who will do what by when).
const api = require('../../../utils/api');
const time = require('../../../utils/time');
const { itemsOf } = require('../../../utils/page-data');

function present(topic) {
  return Object.assign({}, topic, {
    closes: topic.vote_closes_at ? time.formatDateTime(topic.vote_closes_at) : '',
    options: (topic.options || []).map((o) => Object.assign({}, o, {
      mine: o.id === topic.my_vote,
      share: topic.results_shown && topic.votes_total ? Math.round((100 * (o.votes || 0)) / topic.votes_total) : 0,
    })),
    actions: (topic.actions || []).map((a) => Object.assign({}, a, { due: a.due_on || '' })),
  });
}

Page({
  data: { id: null, topic: null, comments: [], draft: '', sending: false },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    const params = { id: this.data.id };
    return Promise.all([
      api.call('consultations.get', { params: params, silent: true }),
      api.call('consultations.comments', { params: params, query: { limit: 100 }, silent: true }),
    ]).then(([topic, page]) => {
      this.setData({ topic: present(topic), comments: itemsOf(page).map((c) => Object.assign({}, c, {
        when: time.formatDateTime(c.created_at), author: c.author ? c.author.name : '' })) });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },

  vote(e) {
    const topic = this.data.topic;
    if (!topic || !topic.voting_open || !topic.can_take_part) return;
    const optionId = Number(e.currentTarget.dataset.id);
    api.call('consultations.vote', { params: { id: this.data.id }, data: { option_id: optionId }, loading: '投票中' })
      .then(() => {
        wx.showToast({ title: '已投票', icon: 'success' });
        return this.load();
      }).catch(() => {});
  },

  typing(e) {
    this.setData({ draft: e.detail.value });
  },

  send() {
    const body = (this.data.draft || '').trim();
    if (!body || this.data.sending) return;
    this.setData({ sending: true });
    api.call('consultations.comment', { params: { id: this.data.id }, data: { body: body }, loading: '发表中' })
      .then(() => {
        this.setData({ draft: '', sending: false });
        return this.load();
      }).catch(() => this.setData({ sending: false }));
  },
});
