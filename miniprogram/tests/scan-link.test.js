// WeChat's own scanner (扫一扫) on the organiser's screen: the code is a link,
// PUBLIC_BASE_URL/q/c?t=<token>; WeChat opens pages/scan/scan with the link
// percent-encoded in options.q (扫普通链接二维码打开小程序), and the page checks
// in with the token inside. The in-app scanner reads the same link.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const checkin = require('../utils/checkin');

const TOKEN = 'AQAAACoBAZx2ZJ9sUuZ_9yHXr0mT4w0';
const LINK = 'https://jusha.xiasha.example.cn/q/c?t=' + TOKEN;
// What WeChat hands the page: encodeURIComponent of the scanned text, and the scan time.
const LAUNCH = { q: encodeURIComponent(LINK), scancode_time: '1780000000' };

function checkedIn(onBody) {
  return (req) => {
    onBody(req.data);
    return { code: 'checked_in', message: '签到成功', event_id: 7, event_title: '聚沙讲堂', direction: 'in', method: 'qr',
      user_id: 5, checked_in_at: '2026-05-10T08:57:00+08:00', checked_out_at: null, minutes: null };
  };
}

test('launch options from a scanned link give the token inside it', () => {
  assert.deepEqual(checkin.fromLaunchOptions(LAUNCH), { token: TOKEN });
  assert.deepEqual(checkin.fromScanResult({ scanType: 'QR_CODE', result: LINK }), { token: TOKEN });
  assert.deepEqual(checkin.fromScanResult({ scanType: 'QR_CODE', result: TOKEN }), { token: TOKEN }, 'old codes: the bare token');
});

test('scan page opened by WeChat from the link checks in at once, without asking for the location', async () => {
  const fixtures = fx.base();
  let body = null;
  let located = false;
  fixtures['checkins.create'] = checkedIn((data) => { body = data; });
  const { page } = loadPage('pages/scan/scan', fixtures, { getLocation: (o) => { located = true; o.success({ latitude: 1, longitude: 1 }); } });
  page.onLoad(LAUNCH);
  await settle();
  assert.deepEqual(body, { token: TOKEN });
  assert.equal(located, false);
  assert.equal(page.data.state, 'done');
  assert.equal(page.data.view.tone, 'success');
});

test('the in-app scanner accepts the link too', async () => {
  const fixtures = fx.base();
  let body = null;
  fixtures['checkins.create'] = checkedIn((data) => { body = data; });
  const { page } = loadPage('pages/scan/scan', fixtures, { scanCode: (o) => o.success({ scanType: 'QR_CODE', result: LINK }) });
  page.onLoad({});
  page.scan();
  await settle();
  assert.deepEqual(body, { token: TOKEN });
});
