// The front door: the organiser's offline scan queue, the scan page built on
// it, and the care-mode (关怀模式) font logic every page follows.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createFakeWx } = require('./helpers/fake-wx');
const { loadPage, settle } = require('./helpers/page-harness');
const queue = require('../utils/offline-queue');
const care = require('../utils/care');

const EVENT = 7;

function answerAll(body, status) {
  return { items: body.items.map((item) => ({ nonce: item.nonce, status: status || 'recorded', code: 'checked_in',
    message: '签到成功', person_name: '王秀英' })) };
}

test('a scan is stored as 待同步 at once and survives the page (and the app) being closed', () => {
  const wx = createFakeWx();
  const item = queue.add(wx, EVENT, { code: 'CODE-1', direction: 'in' }, 1_800_000_000_000);
  assert.equal(item.state, 'pending');
  assert.equal(item.nonce.length, 32);
  assert.equal(item.scannedAt, new Date(1_800_000_000_000).toISOString());
  // "Reopening" is reading the same storage with fresh code.
  delete require.cache[require.resolve('../utils/offline-queue')];
  const again = require('../utils/offline-queue');
  assert.deepEqual(again.load(wx, EVENT).map((i) => [i.nonce, i.state]), [[item.nonce, 'pending']]);
  assert.deepEqual(again.summary(again.load(wx, EVENT)), { pending: 1, done: 0, refused: 0 });
});

test('a failed upload keeps every scan pending and the next one answers each by its nonce', async () => {
  const wx = createFakeWx();
  ['A', 'B', 'C'].forEach((code, i) => queue.add(wx, EVENT, { code: code }, 1000 + i));
  const failed = await queue.sync(wx, EVENT, () => Promise.reject(new Error('request:fail timeout')));
  assert.equal(failed.failed, true);
  assert.deepEqual(queue.load(wx, EVENT).map((i) => [i.state, i.attempts]), [['pending', 1], ['pending', 1], ['pending', 1]]);
  assert.ok(queue.retryDelayMs(0) < queue.retryDelayMs(3) && queue.retryDelayMs(20) === 60000);

  const sent = [];
  const done = await queue.sync(wx, EVENT, (body) => {
    sent.push(body.items.map((i) => i.nonce));
    const answer = answerAll(body);
    answer.items[1] = Object.assign({}, answer.items[1], { status: 'refused', code: 'card_revoked', message: '该居民卡已作废' });
    return Promise.resolve(answer);
  });
  assert.equal(done.failed, false);
  assert.equal(sent.length, 1);
  const items = queue.load(wx, EVENT);
  assert.deepEqual(items.map((i) => i.state), ['done', 'refused', 'done']);
  assert.equal(items[0].personName, '王秀英');
  assert.equal(items[1].message, '该居民卡已作废');
  // Nothing is sent again once answered.
  await queue.sync(wx, EVENT, () => assert.fail('nothing is pending'));
});

test('pending scans go up in batches of 50, and a scan made during an upload waits for the next', async () => {
  const wx = createFakeWx();
  for (let i = 0; i < 120; i += 1) queue.add(wx, EVENT, { code: 'C' + i }, 1000 + i);
  const sizes = [];
  await queue.sync(wx, EVENT, (body) => {
    sizes.push(body.items.length);
    body.items.forEach((item) => assert.deepEqual(Object.keys(item).sort(), ['code', 'direction', 'nonce', 'scanned_at']));
    if (sizes.length === 1) queue.add(wx, EVENT, { code: 'LATE' }, 5000);
    return Promise.resolve(answerAll(body, sizes.length === 2 ? 'already' : 'recorded'));
  });
  assert.deepEqual(sizes, [50, 50, 21]);
  assert.deepEqual(queue.summary(queue.load(wx, EVENT)), { pending: 0, done: 121, refused: 0 });
});

// Login goes through as usual; everything else is the test's to answer.
function withLogin(handler) {
  return (req) => {
    if (req.url.endsWith('/_emulator/login-codes')) return { statusCode: 200, data: { code: 'code-1' } };
    if (req.url.endsWith('/api/v1/auth/login')) return { statusCode: 200, data: { token: 't', expires_in: 3600, user: { id: 1 } } };
    return handler(req);
  };
}

function scanPage(handler, storageFrom) {
  const loaded = loadPage('organiser/pages/scan-residents', {}, {
    scanCode: (o) => o.success({ result: 'https://jusha.example/q/r?t=CODE' }),
  });
  Object.assign(loaded.wx, {
    onNetworkStatusChange(fn) { loaded.wx.networkListener = fn; }, offNetworkStatusChange() {},
    vibrateLong() { loaded.wx.vibrated = 'long'; }, vibrateShort() { loaded.wx.vibrated = 'short'; },
  });
  if (storageFrom) storageFrom.forEach((value, key) => loaded.wx.storage.set(key, value));
  loaded.wx.setHandler(withLogin(handler));
  loaded.page.onLoad({ id: String(EVENT), title: encodeURIComponent('党史送学上门') });
  loaded.page.onShow();
  return loaded;
}

test('the organiser scans with no network, closes the page, and the scans go up when it is back', async () => {
  const offline = scanPage(() => ({ fail: 'timeout' }));
  await settle();
  offline.page.scan();
  await settle(30);
  assert.equal(offline.page.data.result.title, '已保存，待同步');
  assert.equal(offline.page.data.counts.pending, 1);
  assert.equal(offline.wx.vibrated, 'long');
  offline.page.onUnload();

  const uploads = [];
  const online = scanPage((req) => {
    uploads.push(req.data);
    return { statusCode: 200, data: Object.assign(answerAll(req.data), { recorded: 1, already: 0, refused: 0, invalid: 0 }) };
  }, offline.wx.storage);
  await settle(30);
  assert.equal(uploads.length, 1);
  assert.equal(online.page.data.counts.done, 1);
  assert.equal(online.page.data.recent[0].name, '王秀英');
  assert.equal(online.page.data.recent[0].label, '已完成');
  online.page.onUnload();
});

test('care mode: text follows WeChat’s font size, and the large-text switch makes it larger still', () => {
  assert.equal(care.rootFontPx(16, false), 16);
  assert.equal(care.rootFontPx(17, false), 17);
  assert.equal(care.rootFontPx(16, true), 22);
  assert.equal(care.rootFontPx(22, true), 27.5);
  assert.equal(care.rootFontPx(40, true), 32);
  assert.equal(care.rootFontPx(undefined, false), 16);
  assert.deepEqual(care.uiFor(23.8, false), { rootFontSize: '23.8px', care: true, largeText: false });
  assert.equal(care.uiFor(17, false).care, false);
  assert.equal(care.columnsFor(care.uiFor(24, false), 4), 2);
  assert.equal(care.columnsFor(care.uiFor(16, false), 4), 4);

  const wx = createFakeWx();
  wx.getAppBaseInfo = () => ({ fontSizeSetting: 20 });
  assert.equal(care.currentUi(wx).rootFontSize, '20px');
  assert.equal(care.setLargeText(wx, true).rootFontSize, '25px');
  assert.equal(care.currentUi(wx).care, true);
  wx.getAppBaseInfo = () => { throw new Error('old WeChat'); };
  assert.equal(care.systemFontSize(wx), 16);
});

test('every page gets `ui` before its first render and again whenever it shows', () => {
  const wx = createFakeWx();
  wx.getAppBaseInfo = () => ({ fontSizeSetting: 17 });
  const shown = [];
  const definition = care.withCare({ data: { a: 1 }, onShow() { shown.push(this.data.ui.rootFontSize); } }, wx);
  assert.deepEqual(definition.data, { ui: { rootFontSize: '17px', care: false, largeText: false }, a: 1 });
  const page = { data: JSON.parse(JSON.stringify(definition.data)), setData(c) { Object.assign(this.data, c); } };
  care.setLargeText(wx, true);
  definition.onShow.call(page);
  assert.deepEqual(shown, ['22px']);
  assert.equal(page.data.ui.care, true);
});
