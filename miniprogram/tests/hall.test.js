// 党史学习亮初心 under Node: the judge's buttons and bodies, the question grid,
// the 409 of a judge who came second, the head judge's correction, results.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const entry = require('../hall/utils/score-entry');
const menu = require('../utils/me-menu');

const ROUNDS = [
  { id: 1, name: '第一轮 必答题', kind: 'required', kind_label: '必答题', points_correct: 10, penalty_wrong: 0, risk_tiers: [], question_count: 3 },
  { id: 2, name: '第二轮 抢答题', kind: 'buzz', kind_label: '抢答题', points_correct: 10, penalty_wrong: 5, risk_tiers: [], question_count: 10 },
  { id: 3, name: '第三轮 风险题', kind: 'risk', kind_label: '风险题', points_correct: 10, penalty_wrong: 0, risk_tiers: [10, 20, 30], question_count: 2 },
];
const TEAMS = [{ id: 11, name: '下沙中学代表队', represents: '下沙中学', members: ['王老师'] },
  { id: 12, name: '七格社区代表队', represents: '七格社区', members: [] }];
const CONTEST = { id: 4, title: '党史学习亮初心知识竞赛', held_on: '2026-12-20', place: '下沙中学礼堂', status: 'open',
  team_count: 2, round_count: 3, my_role: { judge: true, head_judge: false, manager: false }, rounds: ROUNDS, teams: TEAMS };
const E = (id, round, team, no, outcome, points, extra) => Object.assign({ id: id, round_id: round, team_id: team,
  question_no: no, revision: 0, outcome: outcome, tier: null, points: points, reason: null, current: true }, extra || {});

test('score entry: buttons per kind, bodies, descriptions, the grid and the 409 words', () => {
  assert.deepEqual(entry.buttons(ROUNDS[0]).map((b) => b.outcome), ['correct', 'wrong', 'points']);
  assert.deepEqual(entry.buttons(ROUNDS[1]).map((b) => b.label), ['答对', '答错']);
  assert.deepEqual(entry.buttons(ROUNDS[2]).map((b) => b.label), ['10分 答对', '10分 答错', '20分 答对', '20分 答错', '30分 答对', '30分 答错']);
  assert.match(entry.hint(ROUNDS[1]), /答错 −5/);

  assert.deepEqual(entry.bodyFor(ROUNDS[2], TEAMS[0], 1, { outcome: 'wrong', tier: 20 }).body,
    { round_id: 3, team_id: 11, question_no: 1, outcome: 'wrong', tier: 20 });
  assert.equal(entry.bodyFor(ROUNDS[0], TEAMS[0], 2, { outcome: 'points' }, '6').body.points, 6);
  assert.match(entry.bodyFor(ROUNDS[0], TEAMS[0], 2, { outcome: 'points' }, '11').problem, /0 到 10/);
  assert.match(entry.bodyFor(ROUNDS[0], TEAMS[0], 4, { outcome: 'correct' }).problem, /1 到 3/);
  assert.match(entry.bodyFor(null, TEAMS[0], 1, { outcome: 'correct' }).problem, /轮次和队伍/);

  assert.equal(entry.describe(E(1, 2, 11, 1, 'wrong', -5)), '答错 −5');
  assert.equal(entry.describe(E(2, 3, 11, 1, 'correct', 20, { tier: 20, revision: 1, reason: '复核录像' })),
    '20分题 答对 +20 · 裁判长更正：复核录像');

  const entries = [E(1, 1, 11, 1, 'correct', 10), E(2, 1, 11, 2, 'wrong', 0, { current: false }),
    E(3, 1, 11, 2, 'points', 6, { revision: 1 }), E(4, 1, 12, 1, 'correct', 10)];
  const shown = entry.grid(ROUNDS[0], entries, 11);
  assert.deepEqual(shown.questions.map((q) => q.text), ['答对 +10', '给分 +6 · 裁判长更正', '未录入']);
  assert.equal(shown.next, 3);
  assert.equal(entry.roundTotal(ROUNDS[0], entries, 11), 16);

  const conflict = { code: 'score_already_recorded', status: 409, message: '这道题已有评委录入',
    details: { recorded: E(9, 2, 11, 4, 'correct', 10) } };
  assert.equal(entry.conflictText(conflict), '第4题已有记录：答对 +10。如需更正，请联系裁判长。');
});

function judgeFixtures(entries, onEnter) {
  const fixtures = fx.base();
  fixtures['hall.contest'] = CONTEST;
  fixtures['hall.entries'] = () => entries.slice();
  fixtures['hall.enter'] = onEnter;
  return fixtures;
}

test('score page: records the next open question, and a second judge is told what stands', async () => {
  const entries = [E(1, 1, 11, 1, 'correct', 10)];
  const sent = [];
  const { page } = loadPage('hall/pages/score/score', judgeFixtures(entries, (req) => {
    sent.push(req.data);
    if (sent.length === 2) {
      entries.push(E(7, 1, 11, 3, 'wrong', 0));
      return { statusCode: 409, data: { error: { code: 'score_already_recorded', message: '这道题已有评委录入，请核对已记录的结果',
        details: { recorded: E(7, 1, 11, 3, 'wrong', 0) } } } };
    }
    const saved = E(6, req.data.round_id, req.data.team_id, req.data.question_no, req.data.outcome, 10);
    entries.push(saved);
    return { statusCode: 201, data: saved };
  }));
  page.onLoad({ id: '4' });
  await settle();
  assert.equal(page.data.questionNo, 2, 'the first question still open');
  assert.equal(page.data.total, 10);
  page.record({ currentTarget: { dataset: { index: 0 } } });
  await settle();
  assert.deepEqual(sent[0], { round_id: 1, team_id: 11, question_no: 2, outcome: 'correct' });
  assert.match(page.data.message, /已记录：下沙中学代表队 第2题 答对 \+10/);
  assert.equal(page.data.questionNo, 3);
  page.record({ currentTarget: { dataset: { index: 1 } } });
  await settle();
  assert.equal(page.data.message, '第3题已有记录：答错 0。如需更正，请联系裁判长。');
  assert.equal(page.data.questions[2].text, '答错 0', 'refreshed with what was recorded');
  assert.equal(page.data.busy, false);

  page.pickRound({ detail: { value: '2' } });
  assert.equal(page.data.buttons.length, 6);
  page.record({ currentTarget: { dataset: { index: 5 } } });
  await settle();
  assert.deepEqual(sent[2], { round_id: 3, team_id: 11, question_no: 1, outcome: 'wrong', tier: 30 });
});

test('score page: the head judge corrects a recorded question with a reason', async () => {
  const entries = [E(1, 2, 12, 1, 'wrong', -5)];
  const fixtures = judgeFixtures(entries, () => ({ statusCode: 500, data: {} }));
  fixtures['hall.contest'] = Object.assign({}, CONTEST, { my_role: { judge: true, head_judge: true, manager: false } });
  let correction = null;
  fixtures['hall.correct'] = (req) => {
    correction = { url: req.url, body: req.data };
    const saved = E(2, 2, 12, 1, 'void', 0, { revision: 1, reason: req.data.reason });
    entries[0].current = false;
    entries.push(saved);
    return { statusCode: 201, data: saved };
  };
  const { page } = loadPage('hall/pages/score/score', fixtures, { actionSheetIndex: 2, modalContents: [' 误判，作废 '] });
  page.onLoad({ id: '4' });
  await settle();
  page.pickRound({ detail: { value: '1' } });
  page.pickTeam({ detail: { value: '1' } });
  page.pickQuestion({ currentTarget: { dataset: { no: 1 } } });
  await settle();
  assert.match(correction.url, /\/entries\/1\/correction$/);
  assert.deepEqual(correction.body, { outcome: 'void', reason: '误判，作废' });
  assert.equal(page.data.message, '已更正第1题：作废 0 · 裁判长更正：误判，作废');
  assert.equal(page.data.total, 0);
});

test('results page and the 我的 entries', async () => {
  const fixtures = fx.base();
  fixtures['hall.results'] = { status: 'closed', final: true, tie_rule: '总分高者名次在前', rounds: ROUNDS,
    rows: [{ team: TEAMS[1], rank: 1, total: 50, award: '一等奖', by_round: [{ round_id: 1, points: 20 }, { round_id: 2, points: 10 }, { round_id: 3, points: 20 }] },
      { team: TEAMS[0], rank: 2, total: 40, award: '二等奖', by_round: [{ round_id: 1, points: 30 }, { round_id: 2, points: -10 }, { round_id: 3, points: 20 }] }] };
  const { page } = loadPage('hall/pages/result/result', fixtures);
  page.onLoad({ id: '4' });
  await page.load();
  assert.equal(page.data.rows[0].award, '一等奖');
  assert.equal(page.data.rows[1].byRound, '第一轮 必答题 +30　第二轮 抢答题 −10　第三轮 风险题 +20');
  assert.equal(page.data.rows[1].members, '王老师');

  const labels = menu.entriesFor({ id: 1, roles: [{ role: 'resident' }] }).map((e) => e.label);
  assert.ok(labels.includes('党史竞赛成绩') && labels.includes('竞赛评委计分'));
  const list = loadPage('hall/pages/contests/contests', Object.assign(fx.base(), { 'hall.contests': { total: 1, items: [CONTEST] } }));
  list.page.onLoad({ judging: '1' });
  await list.page.load();
  assert.equal(list.page.data.contests[0].roleLabel, '评委');
  list.page.open({ currentTarget: { dataset: { index: 0 } } });
  assert.deepEqual(list.wx.calls.navigations, ['/hall/pages/score/score?id=4']);
});
