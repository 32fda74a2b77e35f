// 随手拍 → 工单 under Node: the new-report form (source from the query,
// location, the subscription asked from the tap), my reports, the grid
// worker's orders and the detail page's actions.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { loadPage, settle, ROOT } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const view = require('../reports/utils/report-view');
const menu = require('../utils/me-menu');

const WORKER = { id: 8, name: '网格员小王', role: 'grid_worker', community: { id: 1, name: '铭和社区' }, scopes: [],
  roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 }, { role: 'grid_worker', scope_kind: 'grid', scope_id: 3 }] };
const ORDER = {
  id: 12, category: 'facilities', category_label: '设施损坏', description: '3 幢门口路灯不亮', place: '3 幢门口',
  status: 'submitted', status_label: '待受理', level: 'grid', level_label: '网格', grid: { id: 3, name: '第一网格' },
  community: { id: 1, name: '铭和社区' }, created_at: '2099-05-12T01:00:00+00:00', due_at: '2099-05-14T01:00:00+00:00',
  overdue: false, mine: false, actions: ['accept', 'escalate', 'reject'], photos: [{ id: 1, url: 'u1' }], evidence: [],
  close_note: null, reject_label: null, rating: null, rating_comment: null, reopen_until: null, assignee: null,
  reporter: { id: 5, name: '陈阿姨' }, source_label: '随手拍', latitude: 30.31, longitude: 120.35,
};
const TEMPLATES = fx.TEMPLATES;

test('the form: source from the query, every problem in Chinese, the body as the backend takes it', () => {
  assert.deepEqual(view.sourceOf({ source: 'patrol', source_ref: '12' }), { source: 'patrol', source_ref: '12' });
  assert.deepEqual(view.sourceOf({ source: 'rumour', source_ref: '12' }), { source: 'resident', source_ref: null });
  assert.deepEqual(Object.keys(view.build({ categoryIndex: -1, description: ' ' }).problems).sort(),
    ['category', 'description', 'location']);
  const built = view.build({ categoryIndex: 1, description: ' 路灯不亮 ', place: '3 幢', photos: [{ id: 4 }],
    location: { latitude: 30.31, longitude: 120.35 }, source: 'household_visit', source_ref: 'visit:9' });
  assert.deepEqual(built.body, { category: 'facilities', description: '路灯不亮', latitude: 30.31, longitude: 120.35,
    photo_ids: [4], source: 'household_visit', place: '3 幢', source_ref: 'visit:9' });
  assert.deepEqual(view.can({ actions: ['rate', 'reopen'] }),
    { accept: false, progress: false, close: false, escalate: false, reject: false, rate: true, reopen: true });
});

test('new report page: locates, asks for the closing notice from the tap, sends, opens the order', async () => {
  const fixtures = fx.base(fx.RESIDENT);
  fixtures['subscriptions.templates'] = TEMPLATES.concat([{ id: 'T9', name: 'report_closed', title: '随手拍办结通知', fields: [] }]);
  let sent = null;
  fixtures['reports.create'] = (req) => { sent = req.data; return { statusCode: 201, data: Object.assign({}, ORDER, { id: 21 }) }; };
  const { page, wx } = loadPage('reports/pages/new/new', fixtures);
  page.onLoad({ source: 'patrol', source_ref: '7' });
  await settle();
  assert.deepEqual(page.data.location, { latitude: 30.3, longitude: 120.35 });
  page.submit();
  assert.equal(page.data.problems.category, '请选择问题类别');
  page.pickCategory({ detail: { value: '2' } });
  page.input({ currentTarget: { dataset: { field: 'description' } }, detail: { value: '消防通道堆放杂物' } });
  page.submit();
  await settle(20);
  assert.deepEqual(sent, { category: 'safety', description: '消防通道堆放杂物', latitude: 30.3, longitude: 120.35,
    photo_ids: [], source: 'patrol', source_ref: '7' });
  assert.deepEqual(wx.calls.navigations, ['/reports/pages/detail/detail?id=21']);
  assert.deepEqual(wx.calls.subscribeRequests.map((r) => r.tmplIds), [['T9']], 'asked for 随手拍办结通知 only');
});

test('the grid worker accepts from the detail page; escalating needs a reason', async () => {
  const fixtures = fx.base(WORKER);
  fixtures['workOrders.get'] = ORDER;
  fixtures['workOrders.timeline'] = [{ id: 1, action_label: '提交随手拍', note: null, at: ORDER.created_at, actor: { name: '陈阿姨' } }];
  const calls = [];
  fixtures['workOrders.accept'] = (req) => { calls.push(['accept', req.url]); return { status: 'accepted' }; };
  fixtures['workOrders.escalate'] = (req) => { calls.push(['escalate', req.data]); return { level: 'community' }; };
  const { page } = loadPage('reports/pages/detail/detail', fixtures);
  page.onLoad({ id: '12' });
  page.onShow();
  await settle();
  assert.equal(page.data.can.accept, true);
  assert.equal(page.data.order.where, '铭和社区 · 第一网格');
  assert.equal(page.data.steps[0].action_label, '提交随手拍');
  page.accept();
  await settle();
  page.escalate();
  assert.equal(calls.length, 1, 'no reason, no escalation');
  page.input({ currentTarget: { dataset: { field: 'note' } }, detail: { value: '需社区协调' } });
  page.escalate();
  await settle();
  assert.deepEqual(calls.map((c) => c[0]), ['accept', 'escalate']);
  assert.deepEqual(calls[1][1], { reason: '需社区协调' });
});

test('my reports and my work orders list what the backend answers, overdue marked', async () => {
  const late = Object.assign({}, ORDER, { id: 13, overdue: true, grid: null });
  const fixtures = fx.base(WORKER);
  const asked = [];
  fixtures['workOrders.list'] = (req) => { asked.push(req.url); return fx.page([ORDER, late]); };
  const orders = loadPage('reports/pages/orders/orders', fixtures);
  orders.page.onShow();
  await settle();
  assert.deepEqual(orders.page.data.orders.map((o) => o.badge), ['', '已超时']);
  assert.equal(orders.page.data.orders[1].where, '铭和社区 · 网格外');
  orders.page.toggleOverdue({ detail: { value: true } });
  await settle();
  assert.match(asked[1], /scope=todo/);
  assert.match(asked[1], /overdue=true/);
  const mine = loadPage('reports/pages/mine/mine', fixtures);
  mine.page.onShow();
  await settle();
  assert.match(asked[2], /scope=mine/);
  assert.equal(mine.page.data.orders.length, 2);
});

test('the 我的 page: 随手拍 for everyone, 我的工单 for grid workers and staff', () => {
  const labels = (user) => menu.entriesFor(user).map((e) => e.label).filter((l) => /随手拍|工单/.test(l));
  assert.deepEqual(labels({ roles: [{ role: 'resident' }] }), ['随手拍', '我的随手拍']);
  assert.deepEqual(labels(WORKER), ['随手拍', '我的随手拍', '我的工单']);
});

test('the subpackage pages are complete, titled in Chinese, and name only methods they define', () => {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
  const sub = app.subPackages.find((p) => p.root === 'reports');
  assert.ok(sub, 'the reports subpackage is in app.json');
  sub.pages.forEach((page) => {
    const route = 'reports/' + page;
    ['.js', '.json', '.wxml', '.wxss'].forEach((ext) => assert.ok(fs.existsSync(path.join(ROOT, route + ext)), route + ext));
    assert.match(JSON.parse(fs.readFileSync(path.join(ROOT, route + '.json'), 'utf8')).navigationBarTitleText, /[\u4e00-\u9fff]/);
    const { definition } = loadPage(route, {});
    const wxml = fs.readFileSync(path.join(ROOT, route + '.wxml'), 'utf8');
    const re = /\bbind:?[a-z]+="([^"{}]+)"/g;
    let m;
    while ((m = re.exec(wxml))) assert.equal(typeof definition[m[1]], 'function', route + ': ' + m[1]);
  });
  assert.ok(sub.pages.includes('pages/new/new'), 'the page other areas open: /reports/pages/new/new');
});
