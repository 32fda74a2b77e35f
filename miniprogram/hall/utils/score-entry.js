// The judge's score entry, as plain functions (tested under Node): which
// buttons a round shows, the body an entry sends, what a recorded entry says,
// the question grid of one (round, team), and the words for a 409.
const OUTCOME_LABELS = { correct: '答对', wrong: '答错', points: '给分', void: '作废' };
const KIND_HINTS = {
  required: (r) => '答对 +' + r.points_correct + '，答错不扣分，可直接给分',
  buzz: (r) => '答对 +' + r.points_correct + '，答错 −' + r.penalty_wrong,
  risk: (r) => '选分值 ' + (r.risk_tiers || []).join('/') + '：答对得分，答错扣同样分',
};

function signed(points) {
  if (points > 0) return '+' + points;
  return points < 0 ? '−' + Math.abs(points) : '0';
}

// The big buttons of a round: [{outcome, label, tier?}] (risk: one pair per tier).
function buttons(round) {
  if (!round) return [];
  if (round.kind === 'risk') {
    return (round.risk_tiers || []).reduce((all, tier) => all.concat([
      { outcome: 'correct', tier: tier, label: tier + '分 答对' },
      { outcome: 'wrong', tier: tier, label: tier + '分 答错' },
    ]), []);
  }
  const list = [{ outcome: 'correct', label: '答对' }, { outcome: 'wrong', label: '答错' }];
  if (round.kind === 'required') list.push({ outcome: 'points', label: '给分' });
  return list;
}

function hint(round) {
  return round && KIND_HINTS[round.kind] ? KIND_HINTS[round.kind](round) : '';
}

// -> {body} or {problem}: what POST .../entries sends for this choice.
function bodyFor(round, team, questionNo, choice, points) {
  if (!round || !team) return { problem: '请先选择轮次和队伍' };
  if (!(questionNo >= 1 && questionNo <= round.question_count)) {
    return { problem: '题号须在 1 到 ' + round.question_count + ' 之间' };
  }
  const body = { round_id: round.id, team_id: team.id, question_no: questionNo, outcome: choice.outcome };
  if (round.kind === 'risk') body.tier = choice.tier;
  if (choice.outcome === 'points') {
    const value = Number(points);
    if (!(Number.isInteger(value) && value >= 0 && value <= round.points_correct)) {
      return { problem: '得分须为 0 到 ' + round.points_correct + ' 的整数' };
    }
    body.points = value;
  }
  return { body: body };
}

// "答对 +10", "20分题 答错 −20 · 裁判长更正：超时作答"
function describe(entry) {
  if (!entry) return '';
  let text = (entry.tier ? entry.tier + '分题 ' : '') + OUTCOME_LABELS[entry.outcome] + ' ' + signed(entry.points);
  if (entry.revision > 0) text += ' · 裁判长更正' + (entry.reason ? '：' + entry.reason : '');
  return text;
}

// The questions of a (round, team): [{no, entry, text, done}], only the
// current revision of each; and the first question still open.
function grid(round, entries, teamId) {
  if (!round) return { questions: [], next: 1 };
  const current = {};
  (entries || []).forEach((e) => {
    if (e.round_id === round.id && e.team_id === teamId && e.current) current[e.question_no] = e;
  });
  const questions = [];
  for (let no = 1; no <= round.question_count; no += 1) {
    const entry = current[no] || null;
    questions.push({ no: no, entry: entry, done: !!entry, text: entry ? describe(entry) : '未录入' });
  }
  const open = questions.find((q) => !q.done);
  return { questions: questions, next: open ? open.no : null };
}

// A team's points in a round from the current entries.
function roundTotal(round, entries, teamId) {
  return (entries || []).filter((e) => round && e.round_id === round.id && e.team_id === teamId && e.current)
    .reduce((sum, e) => sum + e.points, 0);
}

// What a judge is told when another judge got there first (409).
function conflictText(error) {
  const recorded = error && error.details && error.details.recorded;
  if (error && (error.code === 'score_already_recorded' || error.code === 'entry_superseded') && recorded) {
    return '第' + recorded.question_no + '题已有记录：' + describe(recorded) + '。如需更正，请联系裁判长。';
  }
  return error ? error.message : '';
}

module.exports = { OUTCOME_LABELS, buttons, hint, bodyFor, describe, grid, roundTotal, conflictText, signed };
