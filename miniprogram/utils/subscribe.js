// One-time subscription messages: which templates to ask for, and what the
// person's answer to wx.requestSubscribeMessage means.
//
// WeChat allows at most 3 template ids per request, and the request must come
// from a tap. Each 'accept' lets the server send exactly one message.
const MAX_PER_REQUEST = 3;
const SERVER_ANSWERS = ['accept', 'reject', 'ban'];

// The templates to ask for, by name, in the order given (others skipped).
function pick(templates, names) {
  const byName = {};
  (templates || []).forEach((t) => { byName[t.name] = t; });
  const chosen = (names && names.length ? names : (templates || []).map((t) => t.name))
    .map((name) => byName[name]).filter(Boolean);
  return chosen.slice(0, MAX_PER_REQUEST);
}

// WeChat's answer value -> accept / reject / ban, or null when WeChat itself
// filtered the template ('filter': a duplicate title), which is no answer.
function normalise(value) {
  if (typeof value !== 'string') return null;
  if (value.indexOf('accept') === 0) return 'accept'; // acceptWithAlert, acceptWithAudio, ...
  if (SERVER_ANSWERS.indexOf(value) >= 0) return value;
  return null;
}

// The success result {errMsg, <tmplId>: 'accept'|...} -> [{template_id, answer}]
// (accept / reject / ban), in the templates' order, for the summary.
function answersFrom(result, templates) {
  const answers = [];
  (templates || []).forEach((t) => {
    const answer = normalise(result && result[t.id]);
    if (answer) answers.push({ template_id: t.id, answer: answer });
  });
  return answers;
}

// The body of POST /subscriptions: WeChat's answers as WeChat gave them (the
// server counts acceptWithAlert as accept and ignores filter), for the
// templates asked about only, and an id so a retried report counts once.
function resultsBody(result, templates, requestId) {
  const results = {};
  (templates || []).forEach((t) => {
    const value = result && result[t.id];
    if (typeof value === 'string' && value) results[t.id] = value;
  });
  return { results: results, request_id: requestId };
}

function newRequestId(now, random) {
  const rand = random || Math.random;
  let tail = '';
  while (tail.length < 12) tail += Math.floor(rand() * 36).toString(36);
  return 'sub-' + (now === undefined ? Date.now() : now).toString(36) + '-' + tail;
}

function titleOf(templates, id) {
  const t = (templates || []).find((x) => x.id === id);
  return t ? t.title : '消息提醒';
}

// A sentence for the person about what they chose.
function summary(answers, templates) {
  const accepted = answers.filter((a) => a.answer === 'accept').map((a) => titleOf(templates, a.template_id));
  const rejected = answers.filter((a) => a.answer === 'reject').map((a) => titleOf(templates, a.template_id));
  const banned = answers.filter((a) => a.answer === 'ban').map((a) => titleOf(templates, a.template_id));
  const lines = [];
  if (accepted.length) lines.push('已开启：' + accepted.join('、') + '（每次允许可收到一条通知）');
  if (rejected.length) lines.push('未开启：' + rejected.join('、'));
  if (banned.length) lines.push('暂不可用：' + banned.join('、'));
  if (!lines.length) lines.push('未开启任何提醒');
  return { accepted: accepted.length, rejected: rejected.length, banned: banned.length, text: lines.join('\n') };
}

// wx.requestSubscribeMessage failed -> a Chinese explanation (null: the
// person simply closed the dialog).
function failureMessage(err) {
  const code = err && Number(err.errCode);
  const msg = String((err && err.errMsg) || '');
  if (/cancel/.test(msg)) return null;
  switch (code) {
    case 20004: return '您已关闭本小程序的订阅消息，请在右上角「…」→「设置」→「通知管理」中开启后重试';
    case 10002:
    case 10003: return '网络不佳，订阅请求未能发送，请稍后重试';
    case 10005: return '当前无法显示订阅窗口，请回到小程序前台后重试';
    case 20001:
    case 10004: return '提醒模板暂不可用，请联系组织者';
    case 20003: return '一次最多订阅 3 条提醒';
    case 20013: return '当前微信版本过低，请升级微信后重试';
    default: return '未能开启提醒，请稍后重试';
  }
}

module.exports = { MAX_PER_REQUEST, pick, normalise, answersFrom, resultsBody, newRequestId, summary, failureMessage };

// The whole "remind me" exchange, from a tap handler:
// wx.requestSubscribeMessage -> POST /subscriptions with the answers ->
// {answers, summary}. Rejects with {message} when WeChat could not ask;
// resolves with null when the person closed the dialog.
// deps: {wx, api, mirror(answers) (develop: record at the emulator)}
function ask(deps, templates) {
  const chosen = (templates || []).slice(0, MAX_PER_REQUEST);
  if (!chosen.length) return Promise.reject(new Error('提醒模板暂不可用，请联系组织者'));
  return new Promise((resolve, reject) => {
    deps.wx.requestSubscribeMessage({
      tmplIds: chosen.map((t) => t.id),
      success: resolve,
      fail: (err) => {
        const message = failureMessage(err);
        if (message) reject(Object.assign(new Error(message), { errCode: err && err.errCode }));
        else resolve(null);
      },
    });
  }).then((result) => {
    if (!result) return null;
    const answers = answersFrom(result, chosen);
    const body = resultsBody(result, chosen, newRequestId());
    if (!Object.keys(body.results).length) return { answers: answers, summary: summary(answers, chosen) };
    return deps.api.call('subscriptions.answer', { data: body, loading: '保存中' })
      .then(() => (deps.mirror ? deps.mirror(answers) : null))
      .then(() => ({ answers: answers, summary: summary(answers, chosen) }));
  });
}

module.exports.ask = ask;
