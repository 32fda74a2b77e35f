// The remaining pages under Node: each loads its data and its main action
// sends what the backend expects.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');

test('events list: filter by kind and community', async () => {
  const { page, wx } = loadPage('pages/events/list', fx.base());
  page.onLoad();
  page.onShow();
  await settle();
  assert.equal(page.data.items.length, 3);
  assert.equal(page.data.communities[1].name, '铭和社区（我的社区）', 'my community first');
  page.pickKind({ currentTarget: { dataset: { kind: 'lecture' } } });
  page.pickCommunity({ detail: { value: '1' } });
  await settle();
  const last = wx.calls.requests[wx.calls.requests.length - 1].url;
  assert.match(last, /kind=lecture/);
  assert.match(last, /community=1/);
  assert.deepEqual(page.data.items.map((e) => e.kind), ['lecture']);
});

test('me: role, community, reminders, demo people in develop; name change', async () => {
  const fixtures = fx.base();
  let patch = null;
  fixtures['me.update'] = (req) => { patch = req.data; return Object.assign({}, fx.RESIDENT, req.data); };
  const { page } = loadPage('pages/me/me', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.roleLabel, '居民');
  assert.equal(page.data.communityName, '铭和社区');
  assert.equal(page.data.subscriptions[0].remaining, 2);
  assert.ok(page.data.demoPeople.length >= 3);
  page.editName();
  page.nameInput({ detail: { value: '陈阿姨（铭和）' } });
  page.saveName();
  await settle();
  assert.deepEqual(patch, { name: '陈阿姨（铭和）' });
});

test('organiser home: current and past events, and a resident is told it is not for them', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  const past = Object.assign({}, fx.ACTIVITY, { id: 9, phase: 'ended', starts_at: '2026-01-10T01:00:00Z', ends_at: '2026-01-10T03:00:00Z' });
  const future = Object.assign({}, fx.LECTURE, { starts_at: '2099-05-12T06:00:00Z', ends_at: '2099-05-12T08:00:00Z' });
  fixtures['events.list'] = fx.page([past, future]);
  const { page } = loadPage('organiser/pages/index', fixtures);
  page.onShow();
  await settle();
  assert.deepEqual(page.data.current.map((e) => e.id), [2]);
  assert.deepEqual(page.data.past.map((e) => e.id), [9]);
  const resident = loadPage('organiser/pages/index', fx.base());
  resident.page.onShow();
  await settle();
  assert.equal(resident.page.data.allowed, false);
});

test('create event: the form goes out as the backend wants it, then the detail opens', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  let sent = null;
  fixtures['events.create'] = (req) => { sent = req.data; return { statusCode: 201, data: Object.assign({}, fx.LECTURE, { id: 42 }) }; };
  const { page } = loadPage('organiser/pages/create', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.hosts.length, 1);
  assert.equal(page.data.hostIndex, 0);
  page.input({ currentTarget: { dataset: { field: 'title' } }, detail: { value: '聚沙讲堂' } });
  page.pick({ currentTarget: { dataset: { field: 'start_date' } }, detail: { value: '2099-05-12' } });
  page.submit();
  await settle();
  assert.equal(sent.kind, 'lecture');
  assert.equal(sent.title, '聚沙讲堂');
  assert.equal(sent.host_community_id, 1);
  assert.equal(sent.starts_at, '2099-05-12T09:00:00+08:00');
  assert.equal(sent.ends_at, '2099-05-12T11:00:00+08:00');
});

test('create event: the server\'s field errors land beside the fields', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.create'] = { statusCode: 422, data: { error: { code: 'validation_failed', message: '提交的内容不符合要求',
    details: { json: { title: ['标题需为 1 到 64 个字'] } } } } };
  const { page } = loadPage('organiser/pages/create', fixtures);
  page.onLoad();
  await settle();
  page.input({ currentTarget: { dataset: { field: 'title' } }, detail: { value: 'x' } });
  page.submit();
  await settle();
  assert.equal(page.data.errors.title, '标题需为 1 到 64 个字');
});

test('attendance: live list and check-in by hand', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.attendance'] = { event_id: 2, title: '讲堂', capacity: 300, registration_required: true, registered: 120,
    checked_in: 1, checked_out: 0, present: 1, items: [{ user_id: 5, name: '陈阿姨', phone_masked: '138****0000',
      checked_in_at: '2026-05-12T05:57:00Z', checkin_method: 'qr', checked_out_at: null, checkout_method: null, minutes: null }] };
  let manual = null;
  fixtures['events.manualCheckin'] = (req) => { manual = req.data; return { statusCode: 201, data: { code: 'checked_in', message: '签到成功' } }; };
  const { page } = loadPage('organiser/pages/attendance', fixtures);
  page.onLoad({ id: '2' });
  page.onShow();
  await settle();
  page.onHide();
  assert.equal(page.data.rows[0].inAt, '13:57');
  page.manualInput({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '1380013' } });
  page.submitManual();
  assert.equal(page.data.manualError, '请填写11位手机号');
  page.manualInput({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '13800138000' } });
  page.manualInput({ currentTarget: { dataset: { field: 'name' } }, detail: { value: '刘大伯' } });
  page.submitManual();
  await settle();
  assert.deepEqual(manual, { phone: '13800138000', direction: 'in', name: '刘大伯' });
});

test('report: live counts while sending, the list without an id', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['notices.report'] = { id: 7, status: 'done', template_name: 'event_reminder', audience: { label: '活动报名者' },
    counts: { total: 3, queued: 0, sending: 0, sent: 2, skipped: 1, failed: 0 }, skipped_reasons: { no_subscription: 1 },
    failed_codes: {}, not_reached: [{ user_id: 9, name: '刘大伯', state: 'skipped', reason: 'no_subscription' }] };
  fixtures['notices.list'] = [{ id: 7, template_name: 'event_reminder', values: { thing1: '五月市民公益日' },
    audience: { label: '活动报名者' }, status: 'done', created_at: '2026-05-09T01:00:00Z', counts: { total: 3, sent: 2 } }];
  const one = loadPage('organiser/pages/report', fixtures);
  one.page.onLoad({ id: '7' });
  one.page.onShow();
  await settle();
  one.page.onUnload();
  assert.equal(one.page.data.report.counts.sent, 2);
  assert.equal(one.page.data.report.notReached[0].reason, '未订阅该提醒');
  const list = loadPage('organiser/pages/report', fixtures);
  list.page.onLoad({});
  list.page.onShow();
  await settle();
  list.page.onUnload();
  assert.equal(list.page.data.list[0].firstValue, '五月市民公益日');
});

test('report and list name the template by its Chinese title, never its key', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['notices.report'] = { id: 7, status: 'done', template_name: 'event_reminder', template_title: '活动开始提醒',
    audience: { label: '活动报名者' }, counts: { total: 1, sent: 1 } };
  fixtures['notices.list'] = [{ id: 7, template_name: 'event_reminder', template_title: '活动开始提醒', values: {},
    audience: { label: '活动报名者' }, status: 'done', created_at: '2026-05-09T01:00:00Z', counts: { total: 1, sent: 1 } }];
  const one = loadPage('organiser/pages/report', fixtures);
  one.page.onLoad({ id: '7' });
  one.page.onShow();
  await settle();
  one.page.onUnload();
  assert.equal(one.page.data.report.title, '活动开始提醒');
  const list = loadPage('organiser/pages/report', fixtures);
  list.page.onLoad({});
  list.page.onShow();
  await settle();
  list.page.onUnload();
  assert.equal(list.page.data.list[0].title, '活动开始提醒');
});

test('volunteer review: approve sends the decision', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['volunteers.list'] = [{ user_id: 5, real_name: '陈阿姨', phone: '13800138000', id_number_masked: '1101**********002X',
    community_id: 1, team_name: '铭和社区党员中队', skills: ['调解纠纷'], status: 'pending', created_at: '2026-05-01T01:00:00Z' }];
  let review = null;
  fixtures['volunteers.review'] = (req) => { review = [req.url, req.data]; return { status: 'approved' }; };
  const { page } = loadPage('organiser/pages/volunteers', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.items[0].community, '铭和社区');
  page.approve({ currentTarget: { dataset: { id: 5 } } });
  await settle();
  assert.match(review[0], /\/api\/v1\/volunteers\/5\/review$/);
  assert.deepEqual(review[1], { decision: 'approve' });
});

test('privacy: what is held, and closing the account clears the session', async () => {
  const fixtures = fx.base();
  fixtures['me.data'] = { account: { name: '陈阿姨', phone: null, role: 'resident', created_at: '2026-01-01T01:00:00Z' },
    volunteer: null, consent: null, memberships: [], hours: { total_hours: 0 }, ledger: [], certificates: [], checkins: [{}],
    registrations: [], sessions: [{}, {}] };
  let closed = null;
  fixtures['me.closeAccount'] = (req) => { closed = req.data; return { statusCode: 204, data: '' }; };
  const { page, wx } = loadPage('pages/privacy/privacy', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.view.counts.checkins, 1);
  assert.equal(page.data.view.phone, '未绑定');
  page.close();
  await settle();
  assert.deepEqual(closed, { confirm: true });
  assert.equal(wx.getStorageSync('jusha.token'), '');
});
