// 比赛成绩: the public results of one contest, refreshed every 10 seconds
// while it is still open.
const api = require('../../../utils/api');
const entry = require('../../utils/score-entry');

const REFRESH_MS = 10000;

Page({
  data: { id: 0, final: false, rounds: [], rows: [], tieRule: '' },

  onLoad(options) {
    this.setData({ id: Number(options.id) });
  },

  onShow() {
    this.load();
    this.timer = setInterval(() => { if (!this.data.final) this.load(); }, REFRESH_MS);
  },

  onHide() { clearInterval(this.timer); },
  onUnload() { clearInterval(this.timer); },

  load() {
    return api.call('hall.results', { params: { id: this.data.id }, silent: true }).then((r) => {
      this.setData({
        final: r.final, tieRule: r.tie_rule, rounds: r.rounds,
        rows: r.rows.map((row) => ({
          teamId: row.team.id, name: row.team.name, represents: row.team.represents || '',
          members: (row.team.members || []).join('、'), rank: row.rank, total: row.total, award: row.award || '',
          byRound: row.by_round.map((p, i) => (r.rounds[i] ? r.rounds[i].name : '') + ' ' + entry.signed(p.points))
            .join('　'),
        })),
      });
    }).catch((error) => wx.showToast({ title: error.message, icon: 'none' }));
  },
});
