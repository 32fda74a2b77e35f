const test = require('node:test');
const assert = require('node:assert/strict');
const subscribe = require('../utils/subscribe');
const { createFakeWx } = require('./helpers/fake-wx');

const TEMPLATES = [
  { id: 'T-remind', name: 'event_reminder', title: '活动开始提醒', fields: [] },
  { id: 'T-hours', name: 'hours_credited', title: '志愿服务时长到账通知', fields: [] },
  { id: 'T-call', name: 'volunteer_call', title: '志愿活动招募通知', fields: [] },
  { id: 'T-four', name: 'fourth', title: '第四个', fields: [] },
];

test('at most three templates, in the order asked for', () => {
  assert.deepEqual(subscribe.pick(TEMPLATES, ['hours_credited', 'event_reminder']).map((t) => t.id), ['T-hours', 'T-remind']);
  assert.equal(subscribe.pick(TEMPLATES, []).length, 3);
  assert.deepEqual(subscribe.pick(TEMPLATES, ['missing']), []);
});

test("WeChat's answers: accept variants count as accept, filter is no answer", () => {
  const result = { errMsg: 'requestSubscribeMessage:ok', 'T-remind': 'acceptWithAlert', 'T-hours': 'reject', 'T-call': 'filter' };
  assert.deepEqual(subscribe.answersFrom(result, TEMPLATES), [
    { template_id: 'T-remind', answer: 'accept' },
    { template_id: 'T-hours', answer: 'reject' },
  ]);
});

test("the server gets WeChat's answers as given, for the templates asked only", () => {
  const result = { errMsg: 'requestSubscribeMessage:ok', 'T-remind': 'acceptWithAlert', 'T-hours': 'ban', other: 'accept' };
  assert.deepEqual(subscribe.resultsBody(result, TEMPLATES.slice(0, 2), 'sub-1'), {
    results: { 'T-remind': 'acceptWithAlert', 'T-hours': 'ban' }, request_id: 'sub-1',
  });
  const id = subscribe.newRequestId(1715300000000, () => 0.5);
  assert.ok(id.length >= 8 && id.length <= 64, id);
});

test('the summary names what was turned on and off', () => {
  const s = subscribe.summary([{ template_id: 'T-remind', answer: 'accept' }, { template_id: 'T-hours', answer: 'reject' }], TEMPLATES);
  assert.equal(s.accepted, 1);
  assert.equal(s.text, '已开启：活动开始提醒（每次允许可收到一条通知）\n未开启：志愿服务时长到账通知');
  assert.equal(subscribe.summary([], TEMPLATES).text, '未开启任何提醒');
});

test('failures explain themselves; closing the dialog is not a failure', () => {
  assert.match(subscribe.failureMessage({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' }), /通知管理/);
  assert.match(subscribe.failureMessage({ errCode: 10005 }), /前台/);
  assert.equal(subscribe.failureMessage({ errMsg: 'requestSubscribeMessage:fail cancel' }), null);
});

test('ask: the dialog, then POST /subscriptions, then the emulator mirror in develop', async () => {
  const wx = createFakeWx({ subscribeAnswer: { 'T-remind': 'accept', 'T-hours': 'reject' } });
  const calls = [];
  const api = { call: (name, opts) => { calls.push([name, opts.data]); return Promise.resolve([]); } };
  const mirrored = [];
  const outcome = await subscribe.ask({ wx, api, mirror: (answers) => { mirrored.push(...answers); } }, TEMPLATES.slice(0, 2));
  assert.deepEqual(wx.calls.subscribeRequests[0].tmplIds, ['T-remind', 'T-hours']);
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], 'subscriptions.answer');
  assert.deepEqual(calls[0][1].results, { 'T-remind': 'accept', 'T-hours': 'reject' });
  assert.match(calls[0][1].request_id, /^sub-/);
  assert.deepEqual(mirrored, [{ template_id: 'T-remind', answer: 'accept' }, { template_id: 'T-hours', answer: 'reject' }]);
  assert.equal(outcome.summary.accepted, 1);
});

test('ask: a closed dialog resolves to nothing and reports nothing', async () => {
  const wx = createFakeWx({ subscribeAnswer: { fail: { errMsg: 'requestSubscribeMessage:fail cancel' } } });
  const api = { call: () => assert.fail('nothing to report') };
  assert.equal(await subscribe.ask({ wx, api }, TEMPLATES.slice(0, 1)), null);
});

test('ask: a switched-off main switch rejects with the explanation', async () => {
  const wx = createFakeWx({ subscribeAnswer: { fail: { errCode: 20004, errMsg: 'requestSubscribeMessage:fail' } } });
  await assert.rejects(subscribe.ask({ wx, api: {} }, TEMPLATES.slice(0, 1)), (e) => /通知管理/.test(e.message) && e.errCode === 20004);
  await assert.rejects(subscribe.ask({ wx, api: {} }, []), /模板暂不可用/);
});

test('dev bridge records acceptances at the emulator, only in develop', async () => {
  const { createBridge } = require('../utils/dev-bridge');
  const wx = createFakeWx({ handler: () => ({ statusCode: 200, data: {} }) });
  const bridge = createBridge({ wx, config: { emulator: { base: 'http://emu.test' } }, openid: () => 'demo-volunteer' });
  const granted = await bridge.grantSubscriptions([{ template_id: 'T-remind', answer: 'accept' }, { template_id: 'T-hours', answer: 'reject' }]);
  assert.equal(granted, 1);
  assert.equal(wx.calls.requests[0].url, 'http://emu.test/_emulator/subscriptions');
  assert.deepEqual(wx.calls.requests[0].data, { openid: 'demo-volunteer', template_id: 'T-remind' });
  const off = createBridge({ wx, config: { emulator: null }, openid: () => null });
  assert.equal(await off.grantSubscriptions([{ template_id: 'T-remind', answer: 'accept' }]), 0);
});
