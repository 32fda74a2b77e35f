// 聚沙讲堂 under Node: the visible-time clock (no beat while hidden), the
// reader page's session, the order form, the office's confirm and decline.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const learningClock = require('../utils/learning-clock');
const lectureView = require('../utils/lecture-view');
const menu = require('../utils/me-menu');

function fakeTimers() {
  const timers = { active: new Map(), next: 1 };
  timers.setInterval = (fn, ms) => { const id = timers.next++; timers.active.set(id, { fn, ms }); return id; };
  timers.clearInterval = (id) => { timers.active.delete(id); };
  timers.tick = () => timers.active.forEach((t) => t.fn());
  return timers;
}

function fakeServer() {
  const server = { sessions: 0, beats: [] };
  server.start = () => { server.sessions += 1; return Promise.resolve({ session_id: server.sessions, heartbeat_seconds: 15,
    floor_seconds: 80, counted_seconds: 0, completed: false }); };
  server.beat = (sessionId, seq) => { server.beats.push([sessionId, seq]); return Promise.resolve({ session_id: sessionId,
    floor_seconds: 80, counted_seconds: seq * 15, completed: seq * 15 >= 80, just_completed: seq * 15 === 90 }); };
  return server;
}

test('the clock beats only while the page is visible and opens a new session on each show', async () => {
  const timers = fakeTimers();
  const server = fakeServer();
  const states = [];
  const clock = learningClock.createClock({ start: server.start, beat: server.beat, timers, onState: (s) => states.push(s) });
  await clock.show();
  assert.equal(timers.active.size, 1);
  assert.equal([...timers.active.values()][0].ms, 15000);
  timers.tick(); timers.tick();
  await settle();
  assert.deepEqual(server.beats, [[1, 1], [1, 2]]);
  await clock.hide(); // the last beat carries the visible time up to the hide
  assert.deepEqual(server.beats.at(-1), [1, 3]);
  assert.equal(timers.active.size, 0, 'no timer while hidden');
  timers.tick(); timers.tick();
  await settle();
  assert.equal(server.beats.length, 3, 'nothing is sent while hidden');
  await clock.hide();
  assert.equal(server.beats.length, 3, 'hiding twice sends nothing');
  await clock.show();
  timers.tick();
  await settle();
  assert.deepEqual(server.beats.at(-1), [2, 1], 'shown again: a new session from seq 1');
  assert.equal(states.at(-1).counted_seconds, 15);
});

test('a page hidden before the session opened never starts beating', async () => {
  const timers = fakeTimers();
  let answer;
  const clock = learningClock.createClock({ start: () => new Promise((resolve) => { answer = resolve; }),
    beat: () => assert.fail('no beat'), timers });
  const shown = clock.show();
  await clock.hide();
  answer({ session_id: 7, heartbeat_seconds: 15 });
  await shown;
  assert.equal(timers.active.size, 0);
  assert.equal(learningClock.progressText(70, 240, false), '已学 1分10秒 / 需 4分钟');
  assert.equal(learningClock.progressText(300, 240, true), '已完成');
});

const STAFF = Object.assign({}, fx.ORGANISER, { roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 },
  { role: 'organiser', scope_kind: 'community', scope_id: 1, grant_id: 1 }] });
const CONTACT = { id: 7, name: '下沙中学联络人', role: 'unit_contact', roles: [{ role: 'resident', scope_kind: 'subdistrict' },
  { role: 'unit_contact', scope_kind: 'member_unit', scope_id: 11 }] };
const OFFICE = { id: 8, name: '讲堂办小周', role: 'resident', roles: [{ role: 'resident', scope_kind: 'subdistrict' },
  { role: 'lecture_office', scope_kind: 'subdistrict', scope_id: null }] };
const COURSE = { id: 3, title: '中国共产党百年奋斗的重大成就', topic: '党史', summary: '学习党的百年奋斗历程', duration_minutes: 90,
  lecturer: { name: '沈望舒', title: '马克思主义学院教授', bio: '' },
  materials: [{ id: 31, kind: 'text', kind_label: '图文', title: '导读', body: '百年党史', url: null, photos: [],
    length_seconds: 100, floor_seconds: 80, my_progress: { counted_seconds: 30, completed: false } }] };
const ORDER = { id: 5, course_id: 3, course_title: COURSE.title, orderer_name: '铭和社区', starts_at: '2099-05-12T01:00:00Z',
  ends_at: '2099-05-12T02:30:00Z', place: '铭和社区居家养老服务中心', audience: '老年党员（送学上门）', expected_size: 30,
  status: 'requested', status_label: '待确认', reason: null, lecturer: null, invited_units: [{ id: 11, name: '下沙中学' }],
  event_id: null, checked_in_count: null, can_decide: true, can_cancel: true };

test('who orders for whom, the order body, and who sees which entry', () => {
  const communities = [{ id: 1, name: '铭和社区' }, { id: 2, name: '柠檬社区' }];
  assert.deepEqual(lectureView.ordererChoices(STAFF, communities).map((c) => c.name), ['铭和社区']);
  assert.deepEqual(lectureView.ordererChoices(CONTACT, communities).map((c) => c.member_unit_id), [11]);
  assert.equal(lectureView.ordererChoices({ roles: [{ role: 'admin' }] }, communities).length, 2);
  const now = Date.parse('2099-05-01T00:00:00Z');
  const built = lectureView.buildOrder({ orderer: { community_id: 1 }, date: '2099-05-12', time: '09:00', place: ' 铭和社区 ',
    expectedSize: '30', audience: '' }, 3, now);
  assert.deepEqual(built.problems, {});
  assert.deepEqual(built.body, { course_id: 3, community_id: 1, starts_at: '2099-05-12T09:00:00+08:00', place: '铭和社区',
    expected_size: 30, audience: null, note: null });
  assert.deepEqual(Object.keys(lectureView.buildOrder({ date: '2099-04-01', time: '09:00' }, 3, now).problems).sort(),
    ['community_id', 'expected_size', 'place', 'starts_at']);
  const labels = (user) => menu.entriesFor(user).map((e) => e.label);
  assert.ok(labels(fx.RESIDENT).includes('聚沙讲堂·在线学习'));
  assert.ok(!labels(fx.RESIDENT).includes('点课送学') && labels(CONTACT).includes('点课送学'));
  assert.ok(labels(OFFICE).includes('讲堂点课审核') && !labels(STAFF).includes('讲堂点课审核'));
});

test('reader page: a session on show, no beat after hide, the progress in Chinese', async () => {
  const fixtures = fx.base(fx.RESIDENT);
  fixtures['lectures.course'] = COURSE;
  fixtures['lectures.startLearning'] = { statusCode: 201, data: { session_id: 44, heartbeat_seconds: 15, floor_seconds: 80,
    counted_seconds: 30, completed: false, just_completed: false, replay: false } };
  const beats = [];
  fixtures['lectures.heartbeat'] = (req) => { beats.push(req.data.seq); return { session_id: 44, floor_seconds: 80,
    counted_seconds: 95, completed: true, just_completed: true, replay: false }; };
  const { page, seen } = loadPage('lecture/pages/learn/learn', fixtures);
  page.onLoad({ course: '3', id: '31' });
  page.onShow();
  await settle();
  assert.equal(page.data.material.title, '导读');
  assert.equal(page.data.progress, '已学 30秒 / 需 1分20秒');
  page.onHide();
  await settle();
  assert.deepEqual(beats, [1]);
  assert.equal(page.data.progress, '已完成');
  const started = seen.filter((name) => name === 'lectures.startLearning').length;
  page.onHide();
  await settle();
  assert.deepEqual(beats, [1], 'hidden: nothing more is sent');
  assert.equal(seen.filter((name) => name === 'lectures.startLearning').length, started);
  page.onUnload();
});

test('reader page: a resident who is not a party member is told why nothing is counted', async () => {
  const fixtures = fx.base(fx.RESIDENT);
  fixtures['lectures.course'] = COURSE;
  fixtures['lectures.startLearning'] = { statusCode: 403, data: { error: { code: 'not_party_member',
    message: '在线学习计时仅面向已确认的党员，请先登记党员身份并等待党组织确认' } } };
  const { page } = loadPage('lecture/pages/learn/learn', fixtures);
  page.onLoad({ course: '3', id: '31' });
  page.onShow();
  await settle();
  assert.match(page.data.blocked, /已确认的党员/);
  page.onUnload();
});

test('order page: community staff order a course and cancel a waiting order', async () => {
  const fixtures = fx.base(STAFF);
  fixtures['lectures.courses'] = { items: [{ id: 3, title: COURSE.title, topic: '党史', duration_minutes: 90, material_count: 1 }],
    total: 1, topics: ['党史'] };
  fixtures['lectures.orders'] = { items: [ORDER], total: 1, limit: 50, offset: 0 };
  let sent = null;
  fixtures['lectures.placeOrder'] = (req) => { sent = req.data; return { statusCode: 201, data: { id: 6, status: 'requested' } }; };
  let cancelled = null;
  fixtures['lectures.cancelOrder'] = (req) => { cancelled = req.data; return Object.assign({}, ORDER, { status: 'cancelled' }); };
  const { page } = loadPage('lecture/pages/order/order', fixtures, { modalContents: ['老人们这周要体检，改期再点'] });
  page.onLoad({ course: '3' });
  await settle();
  assert.equal(page.data.courseIndex, 0);
  assert.equal(page.data.choiceIndex, 0, 'the one community is chosen');
  assert.equal(page.data.orders[0].status, '待确认');
  page.pickDate({ detail: { value: '2099-05-12' } });
  page.input({ currentTarget: { dataset: { field: 'place' } }, detail: { value: '铭和社区居家养老服务中心' } });
  page.input({ currentTarget: { dataset: { field: 'expectedSize' } }, detail: { value: '30' } });
  page.submit();
  await settle();
  assert.deepEqual([sent.course_id, sent.community_id, sent.starts_at, sent.expected_size],
    [3, 1, '2099-05-12T09:00:00+08:00', 30]);
  page.cancel({ currentTarget: { dataset: { id: 5 } } });
  await settle();
  assert.deepEqual(cancelled, { reason: '老人们这周要体检，改期再点' });
});

test('office page: confirm with the picked lecturer, decline with a reason', async () => {
  const fixtures = fx.base(OFFICE);
  fixtures['lectures.orders'] = { items: [ORDER], total: 1, limit: 50, offset: 0 };
  fixtures['lectures.lecturers'] = { items: [{ id: 1, name: '沈望舒', title: '教授', topics: [] },
    { id: 2, name: '陆秉坤', title: '老党员', topics: [] }], total: 2 };
  const calls = [];
  fixtures['lectures.confirmOrder'] = (req) => { calls.push(['confirm', req.data]); return ORDER; };
  fixtures['lectures.declineOrder'] = (req) => { calls.push(['decline', req.data]); return ORDER; };
  const { page } = loadPage('lecture/pages/office/office', fixtures, { modalContents: ['该时段宣讲员均已排满'] });
  page.onShow();
  await settle();
  assert.deepEqual(page.data.lecturers.map((l) => l.label), ['沈望舒（教授）', '陆秉坤（老党员）']);
  assert.equal(page.data.orders[0].units, '下沙中学');
  page.confirm({ currentTarget: { dataset: { id: 5 } }, detail: { value: '1' } });
  page.decline({ currentTarget: { dataset: { id: 5 } } });
  await settle();
  assert.deepEqual(calls, [['confirm', { lecturer_id: 2 }], ['decline', { reason: '该时段宣讲员均已排满' }]]);
});

test('catalogue and course pages list courses and materials with my progress', async () => {
  const fixtures = fx.base(STAFF);
  fixtures['lectures.courses'] = { items: [{ id: 3, title: COURSE.title, topic: '党史', duration_minutes: 90,
    lecturer: { name: '沈望舒' }, material_count: 1 }], total: 1, topics: ['党史', '理论学习'] };
  fixtures['lectures.course'] = COURSE;
  const list = loadPage('lecture/pages/courses/courses', fixtures);
  list.page.onShow();
  await settle();
  assert.deepEqual(list.page.data.topics, ['全部', '党史', '理论学习']);
  assert.equal(list.page.data.items[0].lecturer, '沈望舒');
  assert.equal(list.page.data.canOrder, true);
  const detail = loadPage('lecture/pages/course/course', fixtures);
  detail.page.onLoad({ id: '3' });
  detail.page.onShow();
  await settle();
  assert.deepEqual(detail.page.data.materials[0], { id: 31, title: '导读', kind: '图文', progress: '已学 30秒 / 需 1分20秒',
    done: false });
});
