// The quiz pages' rules, as plain functions tested under Node
// (tests/quiz.test.js): the countdown runs from the SERVER's times, a tap
// chooses (one option, or several for 多选), the answer body, and the words.
const LETTERS = 'ABCDEF';
const STATES = { upcoming: '未开始', running: '进行中', closed: '已结束' };
const ENTRIES = { everyone: '所有人', party_members: '党员', units: '指定单位' };

// How far the phone's clock is behind the server's (ms), read when an answer arrives.
function clockOffset(serverTime, localNow) {
  return Date.parse(serverTime) - localNow;
}

// Whole seconds left to answer (never below 0): the server's answer_by on the server's clock.
function secondsLeft(answerBy, offset, localNow) {
  const left = Date.parse(answerBy) - (localNow + offset);
  return left <= 0 ? 0 : Math.ceil(left / 1000);
}

// The places chosen after tapping `place`: 单选/判断 take one, 多选 toggles.
function toggle(kind, chosen, place) {
  if (kind !== 'multiple') return [place];
  return chosen.indexOf(place) >= 0 ? chosen.filter((p) => p !== place) : chosen.concat([place]).sort((a, b) => a - b);
}

function answerBody(position, chosen) {
  return { position: position, choice: (chosen || []).slice().sort((a, b) => a - b) };
}

// Options as rows; `answer` only once the attempt is over (the review).
function optionRows(options, chosen, answer) {
  const picked = chosen || [];
  return (options || []).map((text, place) => {
    const row = { place: place, letter: LETTERS[place], text: text, chosen: picked.indexOf(place) >= 0 };
    if (answer) {
      row.right = answer.indexOf(place) >= 0;
      row.wrong = row.chosen && !row.right;
    }
    return row;
  });
}

function lettersOf(places) {
  return (places || []).map((p) => LETTERS[p]).join('') || '未作答';
}

// 65400 -> "1分05秒", 8300 -> "8.3秒"
function duration(ms) {
  if (ms === undefined || ms === null) return '';
  const seconds = ms / 1000;
  if (seconds < 60) return (Math.round(seconds * 10) / 10) + '秒';
  const whole = Math.round(seconds);
  return Math.floor(whole / 60) + '分' + String(whole % 60).padStart(2, '0') + '秒';
}

function contestLine(contest) {
  return (STATES[contest.state] || '') + ' · 每次 ' + contest.question_count + ' 题 · 每题 ' +
    contest.seconds_per_question + ' 秒 · 可答 ' + contest.attempts_allowed + ' 次 · ' + (ENTRIES[contest.entry] || '');
}

// What the contest page offers: start (with the next number), continue a running attempt, certificate.
function contestActions(contest) {
  const attempts = contest.my_attempts || [];
  const running = attempts.find((a) => a.status === 'running');
  return {
    resume: running ? running.id : null,
    start: !running && contest.state === 'running' && contest.may_enter && !!contest.next_number,
    board: !!contest.leaderboard_published || !!contest.may_manage,
    certificate: contest.state === 'closed' && attempts.some((a) => a.status === 'finished'),
  };
}

// The result's review for the page: option rows with right/wrong marks.
function reviewRows(review) {
  return (review || []).map((item) => Object.assign({}, item, {
    rows: optionRows(item.options, item.chosen, item.answer),
    answerLetters: lettersOf(item.answer),
    chosenLetters: lettersOf(item.chosen),
  }));
}

// After a 409 the page reloads the attempt instead of showing an error:
// another device answered, or the time ran out.
function shouldReload(code) {
  return code === 'answer_taken' || code === 'attempt_finished';
}

module.exports = {
  STATES, ENTRIES, clockOffset, secondsLeft, toggle, answerBody, optionRows, lettersOf, duration, contestLine,
  contestActions, reviewRows, shouldReload,
};
