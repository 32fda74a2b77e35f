// The quiz pages: the countdown runs from the server's times whatever the
// phone's clock says, a tap chooses, time's up sends what is chosen, a 409
// (another device answered) reloads, and the key is shown only in the review.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const view = require('../quiz/utils/quiz-view');

const SERVER_NOW = Date.parse('2026-12-13T10:00:00+08:00');

function running(position, overrides) {
  return Object.assign({
    id: 31, contest_id: 4, contest_title: '百年党史知多少', number: 1, status: 'running', question_count: 2,
    position: position, seconds_per_question: 30, server_time: '2026-12-13T10:00:00+08:00',
    served_at: '2026-12-13T10:00:00+08:00', answer_by: '2026-12-13T10:00:30+08:00',
    question: { position: position, id: 7 + position, kind: position ? 'multiple' : 'single', kind_label: '单选题',
      topic: '长征', difficulty_label: '易', stem: '遵义会议召开于？', options: ['1934年', '1935年', '1936年'] },
  }, overrides || {});
}

const FINISHED = {
  id: 31, contest_id: 4, contest_title: '百年党史知多少', number: 1, status: 'finished', question_count: 2, position: 2,
  seconds_per_question: 30, server_time: '2026-12-13T10:00:40+08:00', correct_count: 1, total_ms: 41200,
  review: [
    { position: 0, kind_label: '单选题', stem: '遵义会议召开于？', options: ['1934年', '1935年', '1936年'], answer: [1],
      chosen: [1], is_correct: true, late: false, explanation: '1935年1月。', source: '《中国共产党简史》' },
    { position: 1, kind_label: '多选题', stem: '“四风”包括？', options: ['形式主义', '官僚主义', '主观主义'], answer: [0, 1],
      chosen: [], is_correct: false, late: true, explanation: '四风。', source: null },
  ],
};

test('the countdown is the server\'s: a phone clock 5 minutes fast still shows 30 seconds', () => {
  const phoneNow = SERVER_NOW + 5 * 60 * 1000;
  const offset = view.clockOffset('2026-12-13T10:00:00+08:00', phoneNow);
  assert.equal(view.secondsLeft('2026-12-13T10:00:30+08:00', offset, phoneNow), 30);
  assert.equal(view.secondsLeft('2026-12-13T10:00:30+08:00', offset, phoneNow + 29001), 1);
  assert.equal(view.secondsLeft('2026-12-13T10:00:30+08:00', offset, phoneNow + 31000), 0);
});

test('choosing: one option for 单选 and 判断, several for 多选; the body is sorted', () => {
  assert.deepEqual(view.toggle('single', [0], 2), [2]);
  assert.deepEqual(view.toggle('judge', [], 1), [1]);
  assert.deepEqual(view.toggle('multiple', [2], 0), [0, 2]);
  assert.deepEqual(view.toggle('multiple', [0, 2], 2), [0]);
  assert.deepEqual(view.answerBody(3, [2, 0]), { position: 3, choice: [0, 2] });
  assert.equal(view.duration(65400), '1分05秒');
  assert.equal(view.duration(8300), '8.3秒');
  assert.deepEqual(view.optionRows(['甲', '乙'], [1], [0]).map((r) => [r.letter, r.chosen, r.right, r.wrong]),
    [['A', false, true, false], ['B', true, false, true]]);
  assert.equal(view.contestActions({ state: 'running', may_enter: true, next_number: 2,
    my_attempts: [{ id: 3, status: 'finished' }] }).start, true);
  assert.equal(view.contestActions({ state: 'running', may_enter: true, next_number: 2,
    my_attempts: [{ id: 3, status: 'running' }] }).resume, 3);
});

test('the answer page: a tap, a submit, time running out, another device first, then the review', async (t) => {
  const realNow = Date.now;
  let phoneNow = SERVER_NOW - 90 * 1000; // the phone is 90 s slow
  Date.now = () => phoneNow;
  t.after(() => { Date.now = realNow; });
  const sent = [];
  let answers = 0;
  const fixtures = {
    'me.get': fx.RESIDENT,
    'quiz.attempt': () => (answers >= 3 ? FINISHED : running(1, { server_time: '2026-12-13T10:00:12+08:00' })),
    'quiz.answer': (req) => {
      sent.push(req.data);
      answers += 1;
      if (answers === 1) {
        return running(1, { server_time: '2026-12-13T10:00:12+08:00', served_at: '2026-12-13T10:00:12+08:00',
          answer_by: '2026-12-13T10:00:42+08:00' });
      }
      if (answers === 2) {
        answers = 3;
        return { statusCode: 409, data: { error: { code: 'answer_taken', message: '这道题已经作答，请勿重复提交' } } };
      }
      return FINISHED;
    },
  };
  fixtures['quiz.attempt'] = ((first) => () => (answers === 0 ? running(0) : first()))(fixtures['quiz.attempt']);
  const { page } = loadPage('quiz/pages/attempt/attempt', fixtures);
  t.after(() => page.onUnload());
  page.onLoad({ id: '31' });
  await settle();
  assert.equal(page.data.left, 30, 'the server gave 30 s, whatever the phone clock');
  assert.ok(!('answer' in page.data.attempt) && !('explanation' in page.data.attempt.question));
  page.pick({ currentTarget: { dataset: { place: '1' } } });
  page.pick({ currentTarget: { dataset: { place: '2' } } });
  assert.deepEqual(page.data.chosen, [2], '单选 keeps the last tap');
  phoneNow += 12000;
  page.submit();
  await settle();
  assert.deepEqual(sent[0], { position: 0, choice: [2] });
  assert.equal(page.data.attempt.position, 1);
  assert.equal(page.data.left, 30);
  page.pick({ currentTarget: { dataset: { place: '0' } } });
  phoneNow += 30000; // time's up: what is chosen goes, the server judges it
  page.tick();
  await settle();
  assert.deepEqual(sent[1], { position: 1, choice: [0] });
  // the other device had answered: the page reloads and finds the attempt finished
  assert.equal(page.data.finished, true);
  assert.equal(page.data.review[0].answerLetters, 'B');
  assert.equal(page.data.review[1].chosenLetters, '未作答');
  assert.equal(page.data.durationText, '41.2秒');
});

test('每日一练 shows the key only after an answer is checked', async () => {
  const daily = { day: '2026-12-13', answered: 0, correct: 0, items: [
    { id: 5, kind: 'single', kind_label: '单选题', topic: '建党伟业', stem: '中共一大于哪一年召开？',
      options: ['1919年', '1920年', '1921年', '1922年'] }] };
  const sent = [];
  const fixtures = { 'me.get': fx.RESIDENT, 'quiz.daily': daily,
    'quiz.practise': (req) => { sent.push(req.data); return { question_id: 5, chosen: [1], is_correct: false, answer: [2],
      explanation: '1921年7月。', source: '《中国共产党简史》', on_wrong_list: true }; } };
  const { page, wx } = loadPage('quiz/pages/daily/daily', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.items[0].answered, false);
  assert.ok(page.data.items[0].rows.every((r) => r.right === undefined));
  page.pick({ currentTarget: { dataset: { index: '0', place: '1' } } });
  page.check({ currentTarget: { dataset: { index: '0' } } });
  await settle();
  assert.deepEqual(sent, [{ question_id: 5, choice: [1] }]);
  assert.equal(page.data.items[0].answerLetters, 'C');
  assert.deepEqual(page.data.items[0].rows.map((r) => !!r.wrong), [false, true, false, false]);
  assert.equal(wx.calls.toasts.pop().title, '回答错误，已加入错题本');
});
