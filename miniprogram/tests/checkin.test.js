const test = require('node:test');
const assert = require('node:assert/strict');
const checkin = require('../utils/checkin');

test('a poster code opens the scan page with an encoded scene', () => {
  assert.deepEqual(checkin.fromLaunchOptions({ scene: 'e%3D42' }), { scene: 'e=42' });
  assert.deepEqual(checkin.fromLaunchOptions({ scene: 'abc123.o' }), { scene: 'abc123.o' });
  assert.equal(checkin.fromLaunchOptions({}), null);
  assert.equal(checkin.fromLaunchOptions(undefined), null);
});

test('a plain QR linked to the mini-program arrives as options.q', () => {
  const q = encodeURIComponent('https://jusha.example/c?token=abc.def');
  assert.deepEqual(checkin.fromLaunchOptions({ q }), { token: 'abc.def' });
});

test('wx.scanCode: our mini-program code gives its scene, a plain QR its token', () => {
  assert.deepEqual(checkin.fromScanResult({ scanType: 'WX_CODE', path: 'pages/scan/scan?scene=ev%2042', result: '' }), { scene: 'ev 42' });
  assert.deepEqual(checkin.fromScanResult({ scanType: 'QR_CODE', result: 'v1.42.in.1715300000.sig' }), { token: 'v1.42.in.1715300000.sig' });
  assert.deepEqual(checkin.fromScanResult({ result: 'https://x.example/checkin?t=tok' }), { token: 'tok' });
  assert.equal(checkin.fromScanResult({ result: 'https://www.example.com/' }), null);
  assert.equal(checkin.fromScanResult({ result: '   ' }), null);
});

test('location is asked for poster scans only (unless the event says otherwise)', () => {
  assert.equal(checkin.needsLocation({ scene: 's' }), true);
  assert.equal(checkin.needsLocation({ token: 't' }), false);
  assert.equal(checkin.needsLocation({ token: 't' }, { requires_location: true }), true);
  assert.deepEqual(checkin.checkinBody({ scene: 's' }, { latitude: 30.3, longitude: 120.3, accuracy: 5 }),
    { scene: 's', latitude: 30.3, longitude: 120.3 });
  assert.deepEqual(checkin.checkinBody({ token: 't' }, null), { token: 't' });
});

test('checked in: a success with the time', () => {
  const v = checkin.describe({ code: 'checked_in', message: '签到成功', event_id: 3, event_title: '聚沙讲堂',
    direction: 'in', checked_in_at: '2026-05-10T00:57:10+00:00' });
  assert.equal(v.tone, 'success');
  assert.equal(v.title, '签到成功');
  assert.equal(v.detail, '08:57 签到');
  assert.equal(v.eventTitle, '聚沙讲堂');
  assert.equal(v.eventId, 3);
});

test('already checked in: the original time, not an error', () => {
  const v = checkin.describe({ code: 'already_checked_in', checked_in_at: '2026-05-10T00:57:00Z', event_title: '公益日' });
  assert.equal(v.tone, 'info');
  assert.equal(v.title, '您已签到');
  assert.equal(v.detail, '您已于 08:57 签到，无需重复扫码');
});

test('checked out: the time served', () => {
  const v = checkin.describe({ code: 'checked_out', checked_out_at: '2026-05-10T03:30:00Z', minutes: 150 });
  assert.equal(v.detail, '11:30 签退，本次服务 2小时30分');
  const again = checkin.describe({ code: 'already_checked_out', checked_out_at: '2026-05-10T03:30:00Z' });
  assert.equal(again.detail, '您已于 11:30 签退，无需重复扫码');
});

test('an expired code asks the organiser to refresh and offers a rescan', () => {
  const v = checkin.describeError({ code: 'token_expired', message: '签到码已过期，请扫描屏幕上最新的签到码', status: 400 });
  assert.equal(v.title, '二维码已过期');
  assert.match(v.detail, /组织者刷新/);
  assert.equal(v.action, 'rescan');
  assert.equal(v.tone, 'warn');
});

test('outside the area says how far, and offers to locate again', () => {
  const v = checkin.describeError({ code: 'outside_area', message: '…', details: { distance_m: 1234, radius_m: 300 } });
  assert.equal(v.title, '不在活动范围内');
  assert.equal(v.detail, '您距离活动地点约 1.2 公里，请到达活动现场后再扫码签到');
  assert.equal(v.action, 'relocate');
  assert.equal(checkin.describeError({ code: 'outside_area', details: { distance_m: 420 } }).detail,
    '您距离活动地点约 420 米，请到达活动现场后再扫码签到');
});

test("not open yet and closed use the server's sentence with its times", () => {
  const v = checkin.describeError({ code: 'event_not_open', message: '签到尚未开始，将于 5月10日 08:30 开放', details: { opens_at: '2026-05-10T00:30:00Z' } });
  assert.equal(v.detail, '签到尚未开始，将于 5月10日 08:30 开放');
  assert.equal(checkin.describeError({ code: 'event_closed', message: '签退已于 5月10日 12:30 结束' }).detail, '签退已于 5月10日 12:30 结束');
});

test('every answer the server documents has its own title', () => {
  ['checked_in', 'checked_out', 'already_checked_in', 'already_checked_out', 'token_expired', 'token_invalid',
    'event_not_open', 'event_closed', 'outside_area', 'event_full', 'not_registered', 'location_required',
    'event_cancelled', 'not_checked_in'].forEach((code) => {
    const v = checkin.describe({ code });
    assert.notEqual(v.title, '签到未完成', code);
    assert.ok(v.icon, code);
  });
});

test('an unknown answer shows the server message and offers a rescan', () => {
  const v = checkin.describeError({ code: 'rate_limited', message: '操作太频繁，请稍后再试' });
  assert.equal(v.title, '签到未完成');
  assert.equal(v.detail, '操作太频繁，请稍后再试');
  assert.equal(v.action, 'rescan');
});

test('location failures: denied permission vs location switched off', () => {
  assert.equal(checkin.locationProblem({ errMsg: 'getLocation:fail auth deny' }).denied, true);
  assert.equal(checkin.locationProblem({ errMsg: 'getLocation:fail system permission denied' }).denied, false);
  assert.match(checkin.locationProblem({ errMsg: 'getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF' }).message, /定位服务/);
});
