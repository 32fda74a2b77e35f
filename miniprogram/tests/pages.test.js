// Page code run under Node against fixture answers: each page loads, reads
// the fields it shows, and its main action calls the right endpoint.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');

test('home: next welfare day with theme and activities, lectures, activities, my registrations', async () => {
  const fixtures = fx.base();
  const { page, seen } = loadPage('pages/index/index', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.welfareDay.id, 1, 'the day, not one of its activities');
  assert.equal(page.data.welfareDay.theme, '感恩母亲');
  assert.equal(page.data.welfareDay.date, '2026年5月10日 周日');
  assert.equal(page.data.welfareActivities[0].host, '铭和社区');
  assert.equal(page.data.welfareActivities[0].mine, true, 'my community first');
  assert.ok(!seen.includes('events.get'), 'the grouped list carries the activities');
  assert.equal(page.data.lectures[0].title, '聚沙讲堂·百年党史第六讲');
  assert.equal(page.data.activities[0].title, '文明劝导');
  assert.equal(page.data.registrations[0].my_registration.status, 'waitlisted');
  assert.equal(page.data.failed, '');
  assert.ok(seen.includes('me.registrations'));
});

test('home: one failing section does not blank the page', async () => {
  const fixtures = fx.base();
  fixtures['events.list'] = (req) => (req.url.includes('lecture') ? { statusCode: 502, data: { error: { code: 'wechat_unavailable', message: '微信服务暂时不可用，请稍后再试' } } } : fx.page([fx.ACTIVITY]));
  const { page } = loadPage('pages/index/index', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.failed, '微信服务暂时不可用，请稍后再试');
  assert.equal(page.data.activities.length, 1);
});

test('event detail: register, then offer the reminder, which asks WeChat and reports the answer', async () => {
  const { page, wx, seen } = loadPage('pages/event/detail', fx.base(), { subscribeAnswer: { T1: 'accept' } });
  page.onLoad({ id: '2' });
  await settle();
  assert.equal(page.data.view.action.text, '我要报名');
  assert.equal(page.data.view.capacityText, '限 300 人，已报名 120 人');
  page.primary();
  await settle(20);
  assert.ok(seen.includes('events.register'));
  assert.equal(wx.calls.subscribeRequests.length, 1, 'the confirm of the modal opens the subscription dialog');
  assert.deepEqual(wx.calls.subscribeRequests[0].tmplIds, ['T1']);
  assert.ok(seen.includes('subscriptions.answer'));
  const report = wx.calls.modals[wx.calls.modals.length - 1];
  assert.equal(report.title, '提醒已开启');
  assert.match(report.content, /活动开始提醒/);
});

test('event detail: "remind me" on an event without registration records interest after an accept', async () => {
  const { page, seen } = loadPage('pages/event/detail', fx.base(), { subscribeAnswer: { T1: 'accept', T2: 'reject' } });
  page.onLoad({ id: '3' });
  await settle();
  page.remind();
  await settle(20);
  assert.ok(seen.includes('subscriptions.answer'));
  assert.ok(seen.includes('events.register'));
});

test('scan: a poster scene asks for location and shows "already checked in at 08:57"', async () => {
  const fixtures = fx.base();
  let body = null;
  fixtures['checkins.create'] = (req) => {
    body = req.data;
    return { code: 'already_checked_in', message: '您已签到过了，无需重复签到', event_id: 1, event_title: '五月市民公益日',
      direction: 'in', method: 'poster', user_id: 5, checked_in_at: '2026-05-10T00:57:00+00:00', checked_out_at: null, minutes: null };
  };
  const { page } = loadPage('pages/scan/scan', fixtures);
  page.onLoad({ scene: 'wd202605%2Emh' });
  await settle();
  assert.deepEqual(body, { scene: 'wd202605.mh', latitude: 30.3, longitude: 120.35 });
  assert.equal(page.data.state, 'done');
  assert.equal(page.data.view.title, '您已签到');
  assert.equal(page.data.view.detail, '您已于 08:57 签到，无需重复扫码');
});

test('scan: an expired on-screen code asks for a refresh; no location asked', async () => {
  const fixtures = fx.base();
  fixtures['checkins.create'] = { statusCode: 400, data: { error: { code: 'token_expired', message: '签到码已过期，请扫描屏幕上最新的签到码' } } };
  let located = false;
  const { page, wx } = loadPage('pages/scan/scan', fixtures, {
    scanCode: (o) => o.success({ scanType: 'QR_CODE', result: 'tok.en' }),
    getLocation: (o) => { located = true; o.success({ latitude: 1, longitude: 1 }); },
  });
  page.onLoad({});
  page.scan();
  await settle();
  assert.equal(located, false);
  assert.equal(page.data.view.title, '二维码已过期');
  assert.equal(page.data.view.action, 'rescan');
  assert.equal(wx.calls.toasts.length, 0, 'the result is on the page, not in a toast');
});

test('scan: a denied location still scans; where the server needs it, the page says why and offers the settings', async () => {
  const fixtures = fx.base();
  const bodies = [];
  fixtures['checkins.create'] = (req) => {
    bodies.push(req.data);
    return { statusCode: 422, data: { error: { code: 'location_required', message: '扫海报签到需要获取您的位置，请允许后重试' } } };
  };
  const { page } = loadPage('pages/scan/scan', fixtures, { getLocation: (o) => o.fail({ errMsg: 'getLocation:fail auth deny' }) });
  page.onLoad({ scene: 'abc' });
  await settle();
  assert.deepEqual(bodies, [{ scene: 'abc' }]);
  assert.equal(page.data.view.action, 'relocate');
  assert.equal(page.data.locationDenied, true);
  assert.match(page.data.view.detail, /设置/);
});

test('scan: a poster of an event without a geofence checks in even without location', async () => {
  const fixtures = fx.base();
  fixtures['checkins.create'] = { statusCode: 201, data: { code: 'checked_in', message: '签到成功', event_id: 1, event_title: '公益日',
    direction: 'in', method: 'poster', user_id: 5, checked_in_at: '2026-05-10T01:02:00Z', checked_out_at: null, minutes: null } };
  const { page } = loadPage('pages/scan/scan', fixtures, { getLocation: (o) => o.fail({ errMsg: 'getLocation:fail system permission denied' }) });
  page.onLoad({ scene: 'abc' });
  await settle();
  assert.equal(page.data.view.title, '签到成功');
  assert.equal(page.data.view.detail, '09:02 签到');
});

test('my hours: totals, stars and records', async () => {
  const fixtures = fx.base();
  fixtures['me.hours'] = { total_minutes: 7350, total_hours: 122.5, year: 2026, year_minutes: 600, year_hours: 10,
    by_month: [{ month: '2026-05', minutes: 600, hours: 10 }], star: { stars: 1, title: '一星级志愿者', next_threshold_hours: 300 },
    records: [{ id: 1, event_id: 3, event_title: '文明劝导', place: '铭和社区', started_at: '2026-05-10T01:00:00Z',
      ended_at: '2026-05-10T03:00:00Z', hours: 2, status: 'approved', status_label: '已认定' }], rounding_rule: '按分钟计' };
  fixtures['me.certificates'] = [{ serial: 'XS2026-0001', total_hours: 120, record_count: 30, issued_at: '2026-05-01T01:00:00Z', revoked_at: null }];
  const { page } = loadPage('pages/hours/hours', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.view.total, '122.5');
  assert.equal(page.data.view.star.title, '一星级志愿者');
  assert.equal(page.data.view.records[0].status, '已认定');
  assert.equal(page.data.certificates[0].serial, 'XS2026-0001');
  assert.equal(page.data.nextOffset, undefined); // one page: nothing more to load at the bottom
});

test('organiser QR: fetches the PNG, schedules the next one from X-Token-Refresh-In, stops on leave', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  let fetched = 0;
  fixtures['events.qrcode'] = () => { fetched += 1; return { statusCode: 200, data: new Uint8Array([137, 80, 78, 71]).buffer, header: { 'X-Token-Refresh-In': '0.05', 'X-Token-Expires-At': '2026-05-10T01:00:30Z' } }; };
  fixtures['events.attendance'] = { event_id: 2, title: '讲堂', capacity: 300, registration_required: true, registered: 120,
    checked_in: 88, checked_out: 3, present: 85, items: [] };
  const { page } = loadPage('organiser/pages/qrcode', fixtures);
  page.onLoad({ id: '2', purpose: 'checkin' });
  page.onShow();
  await settle();
  assert.match(page.data.image, /^data:image\/png;base64,iVBORw==/);
  assert.equal(page.data.checkedIn, 88);
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await settle();
  assert.ok(fetched >= 2, 'refreshed before expiry');
  page.onUnload();
  const after = fetched;
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal(fetched, after, 'no refresh after leaving the page');
});

test('organiser notice: prefilled from the event, previewed, then sent', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['teams.tree'] = [];
  let previewBody = null;
  let createBody = null;
  fixtures['notices.preview'] = (req) => { previewBody = req.data; return { title: '活动开始提醒', fields: [], shortened: [],
    audience: { label: '活动报名者' }, content_check: 'pass', recipients: 120, with_quota: 80, will_skip: 40, skip_reasons: { no_subscription: 40 } }; };
  fixtures['notices.create'] = (req) => { createBody = req.data; return { id: 77, status: 'queued' }; };
  const { page, wx } = loadPage('organiser/pages/notice', fixtures);
  page.onLoad({ event_id: '2' });
  await settle();
  assert.equal(page.data.values.thing1, '聚沙讲堂·百年党史第六讲');
  assert.equal(page.data.values.time2, '2026年5月12日 14:00');
  page.fieldInput({ currentTarget: { dataset: { key: 'thing4' } }, detail: { value: '请提前十分钟入场' } });
  page.previewNow();
  await settle();
  assert.deepEqual(previewBody.audience, { kind: 'event_registrants', event_id: 2 });
  assert.equal(previewBody.page, 'pages/event/detail?id=2');
  assert.equal(page.data.preview.withQuota, 80);
  page.send();
  await settle();
  assert.equal(createBody.values.thing4, '请提前十分钟入场');
  assert.deepEqual(wx.calls.navigations, ['/organiser/pages/report?id=77']);
});

test('organiser notice: chosen volunteers are the audience', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['teams.tree'] = [];
  fixtures['volunteers.list'] = (req) => {
    assert.match(req.url, /status=approved/);
    return [{ user_id: 5, real_name: '陈阿姨', team_name: '铭和社区党员中队', status: 'approved' },
      { user_id: 6, real_name: '刘大伯', status: 'approved' }];
  };
  let previewBody = null;
  fixtures['notices.preview'] = (req) => { previewBody = req.data; return { title: '活动开始提醒', fields: [], shortened: [],
    audience: { label: '选定的 1 人' }, content_check: 'pass', recipients: 1, with_quota: 1, will_skip: 0, skip_reasons: {} }; };
  const { page } = loadPage('organiser/pages/notice', fixtures);
  page.onLoad({ event_id: '2' });
  await settle();
  page.fieldInput({ currentTarget: { dataset: { key: 'thing4' } }, detail: { value: '请提前十分钟入场' } });
  const users = page.data.audienceKinds.findIndex((k) => k.value === 'users');
  page.pickAudience({ detail: { value: String(users) } });
  await settle();
  assert.deepEqual(page.data.volunteers.map((v) => v.name), ['陈阿姨', '刘大伯']);
  page.previewNow();
  await settle();
  assert.equal(previewBody, null, 'nobody chosen, nothing sent');
  assert.equal(page.data.errors.audience, '请选择接收对象');
  page.pickVolunteers({ detail: { value: ['6'] } });
  page.previewNow();
  await settle();
  assert.deepEqual(previewBody.audience, { kind: 'users', user_ids: [6] });
});

test('organiser hours: approve all pending records of an event', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.list'] = fx.page([Object.assign({}, fx.ACTIVITY, { starts_at: '2026-01-10T01:00:00Z', ends_at: '2026-01-10T03:00:00Z' })]);
  fixtures['hours.eventRecords'] = [{ id: 1, volunteer_name: '张志愿', phone_masked: '138****0000', status: 'pending',
    started_at: '2026-01-10T01:00:00Z', ended_at: '2026-01-10T03:00:00Z', hours: 2, status_label: '待审核' }];
  let approved = null;
  fixtures['hours.approve'] = (req) => { approved = req.data; return { approved: [1], skipped: [] }; };
  const { page } = loadPage('organiser/pages/hours', fixtures);
  page.onLoad({ event_id: '3' });
  await settle();
  assert.equal(page.data.rows[0].name, '张志愿');
  page.approveAll();
  await settle();
  assert.deepEqual(approved, { event_id: 3 });
});

test('volunteer application: consent version from the server goes with the form', async () => {
  const fixtures = fx.base();
  fixtures['volunteers.mine'] = { statusCode: 404, data: { error: { code: 'not_found', message: '您还没有申请成为志愿者' } } };
  fixtures['volunteers.consent'] = { version: '2026-01', purpose: '用于志愿服务记录与证明', text: '……' };
  fixtures['teams.tree'] = [{ id: 1, name: '总队', level: 'corps', children: [{ id: 2, name: '党员先锋大队', level: 'brigade',
    children: [{ id: 4, name: '铭和社区党员中队', level: 'squad', community_id: 1, children: [] }] }] }];
  let sent = null;
  fixtures['volunteers.apply'] = (req) => { sent = req.data; return { status: 'pending', real_name: '陈阿姨', phone: '13800138000',
    id_number_masked: '1101**********002X', community_id: 1, team_id: 4, team_name: '铭和社区党员中队', skills: [], created_at: '2026-05-01T01:00:00Z' }; };
  const { page } = loadPage('pages/volunteer/apply', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.showForm, true);
  assert.equal(page.data.squads[0].name, '铭和社区党员中队');
  page.input({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '13800138000' } });
  page.input({ currentTarget: { dataset: { field: 'id_number' } }, detail: { value: '11010519491231002x' } });
  page.submit();
  assert.ok(page.data.errors.consent, 'no consent, nothing sent');
  assert.equal(sent, null);
  page.toggleConsent();
  page.submit();
  await settle();
  assert.deepEqual(sent, { real_name: '陈阿姨', phone: '13800138000', id_number: '11010519491231002X', community_id: 1,
    team_id: 4, skills: [], consent_agreed: true, consent_version: '2026-01' });
  assert.equal(page.data.application.statusLabel, '审核中');
});
