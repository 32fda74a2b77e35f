// Signing in to the desk console from the phone: the scene, the page's
// confirm and cancel, and a resident's refusal.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const consoleLogin = require('../utils/console-login');

const NONCE = 'AbCdEfGhIjKlMnOpQrStUv';
const SCENE = encodeURIComponent('cl=' + NONCE);
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

function organiserFixtures(overrides) {
  const fixtures = fx.base();
  fixtures['me.get'] = Object.assign({}, fixtures['me.get'], { name: '王书记', role: 'organiser',
    roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 }, { role: 'organiser', scope_kind: 'community', scope_id: 1 }] });
  fixtures['console.scan'] = { status: 'scanned', agent: CHROME, address: '10.0.0.8', expires_in: 100 };
  fixtures['console.confirm'] = { status: 'confirmed' };
  fixtures['console.cancel'] = { status: 'cancelled' };
  return Object.assign(fixtures, overrides || {});
}

test('the scene names the nonce; anything else is not a console code', () => {
  assert.equal(consoleLogin.nonceFromOptions({ scene: SCENE }), NONCE);
  assert.equal(consoleLogin.nonceFromOptions({ scene: 'cl=' + NONCE }), NONCE);
  assert.equal(consoleLogin.nonceFromOptions({ scene: encodeURIComponent('e1a-abcdef') }), null);
  assert.equal(consoleLogin.nonceFromOptions({ scene: 'cl%3Dshort' }), null);
  assert.equal(consoleLogin.nonceFromOptions({}), null);
  assert.equal(consoleLogin.nonceFromOptions({ scene: '%E0%A4%A' }), null);
});

test('the browser is described so one recognises one\'s own computer', () => {
  assert.equal(consoleLogin.describeBrowser(CHROME), 'Chrome 120 · Windows');
  assert.equal(consoleLogin.describeBrowser(''), '未知浏览器');
});

test('the page shows who signs in from where, and confirms', async () => {
  const { page, seen } = loadPage('pages/console-login/console-login', organiserFixtures());
  page.onLoad({ scene: SCENE });
  await settle();
  assert.equal(page.data.state, 'asking');
  assert.equal(page.data.name, '王书记');
  assert.equal(page.data.roles, '组织者');
  assert.equal(page.data.browser, 'Chrome 120 · Windows');
  assert.equal(page.data.address, '10.0.0.8');
  assert.ok(seen.includes('console.scan'));
  page.confirm();
  await settle();
  assert.equal(page.data.state, 'done');
  assert.ok(seen.includes('console.confirm'));
  assert.ok(!seen.includes('console.cancel'));
});

test('cancel tells the console to stop waiting', async () => {
  const { page, seen } = loadPage('pages/console-login/console-login', organiserFixtures());
  page.onLoad({ scene: SCENE });
  await settle();
  page.cancel();
  await settle();
  assert.equal(page.data.state, 'cancelled');
  assert.ok(seen.includes('console.cancel'));
  page.confirm(); // too late: nothing is sent
  await settle();
  assert.ok(!seen.includes('console.confirm'));
});

test('a resident sees the server\'s refusal and no confirm button', async () => {
  const refusal = { statusCode: 403, data: { error: { code: 'console_not_staff', message: '您没有聚沙工作台的使用权限' } } };
  const { page, seen } = loadPage('pages/console-login/console-login', organiserFixtures({ 'console.scan': refusal }));
  page.onLoad({ scene: SCENE });
  await settle();
  assert.equal(page.data.state, 'refused');
  assert.equal(page.data.message, '您没有聚沙工作台的使用权限');
  page.confirm();
  await settle();
  assert.ok(!seen.includes('console.confirm'));
});

test('an expired code says to refresh it on the computer', async () => {
  const expired = { statusCode: 409, data: { error: { code: 'console_login_expired', message: '登录二维码已失效，请在电脑上刷新二维码后重新扫码' } } };
  const { page } = loadPage('pages/console-login/console-login', organiserFixtures({ 'console.confirm': expired }));
  page.onLoad({ scene: SCENE });
  await settle();
  page.confirm();
  await settle();
  assert.equal(page.data.state, 'expired');
  assert.match(page.data.message, /刷新/);
});

test('a code that is not the console\'s sends nothing', async () => {
  const { page, seen } = loadPage('pages/console-login/console-login', organiserFixtures());
  page.onLoad({ scene: encodeURIComponent('e1a-abcdef') });
  await settle();
  assert.equal(page.data.state, 'invalid');
  assert.ok(!seen.includes('console.scan'));
});
