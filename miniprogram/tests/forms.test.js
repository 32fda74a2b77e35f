const test = require('node:test');
const assert = require('node:assert/strict');
const eventForm = require('../utils/event-form');
const compose = require('../utils/notice-compose');
const config = require('../utils/config');

const FORM = {
  kind: 'volunteer_activity', title: ' 文明劝导 ', host: { community_id: 1, member_unit_id: null },
  start_date: '2026-05-10', start_time: '09:00', end_date: '2026-05-10', end_time: '11:30',
  venue: '铭和社区广场', location: { latitude: 30.31, longitude: 120.35 }, radius_m: 300,
  capacity: '30', registration_required: true, credits_hours: true, description: '', online_url: '',
};

test('a complete event form becomes the POST /events body with Shanghai offsets', () => {
  const { body, problems } = eventForm.build(FORM);
  assert.deepEqual(problems, {});
  assert.deepEqual(body, {
    kind: 'volunteer_activity', title: '文明劝导', starts_at: '2026-05-10T09:00:00+08:00', ends_at: '2026-05-10T11:30:00+08:00',
    host_community_id: 1, venue: '铭和社区广场', latitude: 30.31, longitude: 120.35, radius_m: 300, capacity: 30,
    registration_required: true, credits_hours: true,
  });
});

test('event form problems are named per field', () => {
  const { problems } = eventForm.build(Object.assign({}, FORM, { title: '', end_time: '08:00', capacity: '0', host: null, online_url: 'ftp://x' }));
  assert.deepEqual(Object.keys(problems).sort(), ['capacity', 'ends_at', 'host', 'online_url', 'title']);
  assert.equal(problems.ends_at, '结束时间应晚于开始时间');
  const welfare = eventForm.build(Object.assign({}, FORM, { kind: 'welfare_day' }));
  assert.equal(welfare.problems.parent_id, '请选择所属的市民公益日');
  assert.equal(eventForm.build(Object.assign({}, FORM, { kind: 'welfare_day', parent_id: 9 })).body.parent_id, 9);
});

test('hosts: an organiser their scopes, an admin the subdistrict and every community', () => {
  const communities = [{ id: 1, name: '铭和社区' }, { id: 2, name: '柠檬社区' }];
  assert.deepEqual(eventForm.hostChoices({ role: 'organiser', scopes: [{ community_id: 2 }, { member_unit_id: 4 }] }, communities)
    .map((h) => h.label), ['柠檬社区', '共建单位 #4']);
  assert.deepEqual(eventForm.hostChoices({ role: 'admin', scopes: [] }, communities).map((h) => h.label), ['下沙街道', '铭和社区', '柠檬社区']);
});

test("marshmallow's 422 details become field messages", () => {
  assert.deepEqual(eventForm.serverProblems({ details: { json: { title: ['标题需为 1 到 64 个字'], capacity: ['请输入整数'] } } }),
    { title: '标题需为 1 到 64 个字', capacity: '请输入整数' });
  assert.deepEqual(eventForm.serverProblems({}), {});
});

const TEMPLATE = {
  id: 'T1', name: 'event_reminder', title: '活动开始提醒',
  fields: [
    { key: 'thing1', type: 'thing', label: '活动名称', max_length: 20, rule: '20 个字以内' },
    { key: 'time2', type: 'time', label: '活动时间', max_length: null, rule: '24 小时制时间' },
    { key: 'thing3', type: 'thing', label: '活动地点', max_length: 20, rule: '20 个字以内' },
    { key: 'thing4', type: 'thing', label: '温馨提示', max_length: 20, rule: '20 个字以内' },
  ],
};
const EVENT = { id: 3, title: '五月市民公益日', venue: '铭和社区广场', starts_at: '2026-05-10T01:00:00Z' };

test('a notice is prefilled from its event in WeChat formats', () => {
  assert.deepEqual(compose.prefill(TEMPLATE, EVENT), { thing1: '五月市民公益日', time2: '2026年5月10日 09:00', thing3: '铭和社区广场' });
});

test('field views show counters, over-length and the shorten rule', () => {
  const long = '一二三四五六七八九十一二三四五六七八九十一';
  const views = compose.fieldViews(TEMPLATE, { thing1: long, time2: '明天' }, false);
  assert.equal(views[0].over, true);
  assert.match(views[0].problem, /超出 1 个字/);
  assert.match(views[1].problem, /格式不符合要求/);
  assert.equal(views[0].counter, '21/20');
  assert.equal(compose.fieldViews(TEMPLATE, { thing1: long }, true)[0].problem, null);
});

test('the compose body: values, audience, page; problems before anything is sent', () => {
  const values = { thing1: '五月市民公益日', time2: '2026年5月10日 09:00', thing3: '铭和社区广场', thing4: '请带好水杯' };
  const ok = compose.composeBody({ template: TEMPLATE, values, audienceKind: 'event_registrants', audienceTarget: 3,
    page: 'pages/event/detail?id=3', sendAt: '2026-05-09T20:00:00+08:00', now: Date.parse('2026-05-09T00:00:00Z') });
  assert.deepEqual(ok.problems, {});
  assert.deepEqual(ok.body, { template_id: 'T1', values, shorten: false, audience: { kind: 'event_registrants', event_id: 3 },
    page: 'pages/event/detail?id=3', send_at: '2026-05-09T20:00:00+08:00' });
  const bad = compose.composeBody({ template: TEMPLATE, values: {}, audienceKind: 'team', audienceTarget: null,
    sendAt: '2026-05-09T08:00:00+08:00', now: Date.parse('2026-05-09T12:00:00Z') });
  assert.deepEqual(Object.keys(bad.problems).sort(), ['audience', 'send_at', 'thing1', 'thing3', 'thing4', 'time2']);
  assert.equal(bad.problems.thing1, '「活动名称」不能为空');
});

test('preview and report views', () => {
  const p = compose.previewView({ title: '活动开始提醒', recipients: 10, with_quota: 7, will_skip: 3,
    skip_reasons: { no_subscription: 3 }, audience: { label: '活动报名者：五月市民公益日' } });
  assert.deepEqual(p.skipReasons, [{ key: 'no_subscription', label: '未订阅该提醒', count: 3 }]);
  const r = compose.reportView({ id: 1, status: 'sending', template_name: 'event_reminder',
    counts: { total: 10, queued: 2, sending: 1, sent: 5, skipped: 2, failed: 0 }, skipped_reasons: { no_subscription: 2 },
    failed_codes: { 43101: 1 }, not_reached: [{ user_id: 9, name: '刘大伯', state: 'skipped', reason: 'no_subscription' },
      { user_id: 8, name: null, state: 'failed', errcode: 43101 }] });
  assert.equal(r.running, true);
  assert.equal(r.percent, 70);
  assert.equal(r.counts.queued, 3);
  assert.deepEqual(r.notReached.map((n) => n.reason), ['未订阅该提醒', '用户拒收或订阅已用完']);
  assert.equal(compose.pollDelay(r), 2000);
  assert.equal(compose.pollDelay(compose.reportView({ status: 'done', counts: {} })), 0);
});

test('config: develop uses the local demo and its emulator; release never does', () => {
  const dev = config.configFor('develop');
  assert.equal(dev.apiBase, 'http://127.0.0.1:5000');
  assert.equal(dev.emulator.base, 'http://127.0.0.1:9100');
  assert.ok(dev.demoPeople.length >= 3);
  assert.equal(config.configFor('release').emulator, null);
  assert.equal(config.configFor('trial').emulator, null);
  assert.deepEqual(config.configFor('release').demoPeople, []);
  assert.equal(config.currentEnvVersion({ getAccountInfoSync: () => ({ miniProgram: { envVersion: 'release' } }) }), 'release');
  assert.equal(config.currentEnvVersion({}), 'develop');
});
