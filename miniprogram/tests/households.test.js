// 党员联户 pages: my households (overdue first, as the server sorts them), a
// visit logged with a need found, my 联户证 opened as a PDF, and the page a
// household member reaches from the card.
const test = require('node:test');
const assert = require('node:assert/strict');
const fx = require('./helpers/fixtures');
const { loadPage, settle } = require('./helpers/page-harness');
const view = require('../households/utils/view');
const menu = require('../utils/me-menu');

const MEMBER = { id: 3, name: '王建国', role: 'resident', roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 }] };

test('the visit form checks what it sends and builds the need', () => {
  assert.equal(view.visitBody({ visited_on: '2026-12-01', discussed: ' ' }, false).message, '请填写交流内容');
  assert.deepEqual(view.visitBody({ visited_on: '2026-12-01', kind: 'call', discussed: '电话问候' }, false).body,
    { visited_on: '2026-12-01', kind: 'call', discussed: '电话问候' });
  assert.equal(view.visitBody({ visited_on: '2026-12-01', discussed: '上门走访', need_title: '' }, true).message,
    '请填写需求标题（2 字以上）');
  const withNeed = view.visitBody({ visited_on: '2026-12-01', discussed: '上门走访', needs_found: '需要扶手',
    need_title: '加装扶手', need_kind: 'professional', need_service: '适老化改造' }, true).body;
  assert.deepEqual(withNeed.need, { title: '加装扶手', kind: 'professional', urgency: 'normal', service: '适老化改造' });
  assert.equal(view.codeFromOptions({ scene: 'k1-abc%2Ddef' }), 'k1-abc-def');
  assert.equal(view.codeFromOptions({}), '');
  assert.ok(menu.entriesFor(MEMBER).some((e) => e.url === '/households/pages/mine/mine' && e.label === '党员联户'));
});

test('my households list shows who is overdue and how many messages wait', async () => {
  const fixtures = fx.base(MEMBER);
  fixtures['households.mine'] = { items: [
    { id: 7, address: '滟澜苑 3 幢 2 单元 501', grid: { name: '第一网格' }, head_name: '陈桂英', members: [{}, {}],
      last_contact_on: null, overdue: true },
    { id: 8, address: '滟澜苑 5 幢 101', grid: { name: '第一网格' }, head_name: null, members: [],
      last_contact_on: '2026-11-30', overdue: false }], total: 2 };
  fixtures['households.requests'] = { items: [], new: 2, total: 2 };
  const { page, wx } = loadPage('households/pages/mine/mine', fixtures);
  page.onShow();
  await settle();
  assert.deepEqual(page.data.households.map((h) => [h.address, h.overdue, h.lastContact, h.members]), [
    ['滟澜苑 3 幢 2 单元 501', true, '尚未联系', '2 人'], ['滟澜苑 5 幢 101', false, '最近联系：2026-11-30', '0 人']]);
  assert.equal(page.data.newRequests, 2);
  page.open({ currentTarget: { dataset: { id: 7 } } });
  assert.deepEqual(wx.calls.navigations, ['/households/pages/detail/detail?id=7']);
});

test('logging a visit sends the need found and goes back', async () => {
  const fixtures = fx.base(MEMBER);
  let sent = null;
  fixtures['households.logVisit'] = (req) => { sent = req.data; return { statusCode: 201, data: { id: 1, need_id: 4 } }; };
  const { page, wx } = loadPage('households/pages/visit/visit', fixtures);
  let back = false;
  wx.navigateBack = () => { back = true; };
  page.onLoad({ id: '7' });
  page.input({ currentTarget: { dataset: { field: 'discussed' } }, detail: { value: '老人说楼道灯坏了' } });
  page.toggleNeed({ detail: { value: true } });
  page.input({ currentTarget: { dataset: { field: 'need_title' } }, detail: { value: '楼道灯维修' } });
  page.pickKind({ detail: { value: '1' } });
  page.submit();
  await settle();
  assert.equal(sent.kind, 'call');
  assert.equal(sent.need.title, '楼道灯维修');
  assert.match(sent.visited_on, /^\d{4}-\d{2}-\d{2}$/);
  await new Promise((resolve) => setTimeout(resolve, 900));
  assert.equal(back, true, 'back to the household after saving');
});

test('the household page shows the record and the log; the card page opens the PDF', async () => {
  const fixtures = fx.base(MEMBER);
  fixtures['households.get'] = { id: 7, address: '滟澜苑 3 幢 2 单元 501', grid: { name: '第一网格' }, status: 'active',
    notes: '独居老人', members: [{ name: '陈桂英', relation_label: '户主', age_band_label: '80岁及以上', phone: '13700001111' }],
    pairing: { party_member: { name: '王建国' } }, last_contact_on: null, overdue: true, can_log_visit: true };
  fixtures['households.visits'] = { items: [{ id: 1, visited_on: '2026-11-30', kind_label: '走访', discussed: '上门问候',
    needs_found: null, need_id: null, author_name: '王建国' }], total: 1 };
  fixtures['households.issueCard'] = { code: 'k1-abc', party_member: { name: '王建国' }, branch: '滟澜社区第一党支部',
    community: '滟澜社区', grids: ['第一网格'], issued_at: '2026-12-01T09:00:00+08:00' };
  fixtures['households.cardPdf'] = '%PDF';
  const detail = loadPage('households/pages/detail/detail', fixtures);
  detail.page.onLoad({ id: '7' });
  detail.page.onShow();
  await settle();
  assert.equal(detail.page.data.household.members[0].name, '陈桂英');
  assert.equal(detail.page.data.visits[0].author_name, '王建国');
  const card = loadPage('households/pages/card/card', fixtures);
  let opened = null;
  card.wx.openDocument = (o) => { opened = o; };
  card.page.onLoad();
  await settle();
  assert.equal(card.page.data.card.branch, '滟澜社区第一党支部');
  card.page.openPdf();
  await settle();
  assert.equal(opened && opened.fileType, 'pdf');
  assert.ok(card.seen.includes('households.cardPdf'));
});

test('a household member reaches the party member from the scanned card', async () => {
  const fixtures = fx.base(MEMBER);
  fixtures['households.reach'] = { party_member: { name: '王建国' }, branch: '滟澜社区第一党支部', community: '滟澜社区',
    grids: ['第一网格'] };
  let sent = null;
  fixtures['households.sendRequest'] = (req) => { sent = req; return { statusCode: 201, data: { id: 1 } }; };
  const { page } = loadPage('households/pages/reach/reach', fixtures);
  page.onLoad({ scene: 'k1-abc' });
  await settle();
  assert.equal(page.data.card.party_member.name, '王建国');
  page.input({ currentTarget: { dataset: { field: 'message' } }, detail: { value: '家里水管漏水' } });
  page.submit();
  await settle();
  assert.ok(sent.url.endsWith('/api/v1/contact-cards/k1-abc/requests'));
  assert.deepEqual(sent.data, { message: '家里水管漏水' });
  assert.equal(page.data.sent, true);
  const bad = loadPage('households/pages/reach/reach', fx.base(MEMBER));
  bad.page.onLoad({});
  assert.equal(bad.page.data.error, '二维码无效，请重新扫描联户证');
});

test('messages from households are listed and marked handled', async () => {
  const fixtures = fx.base(MEMBER);
  fixtures['households.requests'] = { items: [{ id: 5, message: '想咨询养老服务', contact_name: '陈阿姨',
    contact_phone: null, status: 'new', created_at: '2026-12-01T09:30:00+08:00' }], new: 1, total: 1 };
  let handled = false;
  fixtures['households.handleRequest'] = () => { handled = true; return { id: 5, status: 'handled' }; };
  const { page } = loadPage('households/pages/requests/requests', fixtures);
  page.onShow();
  await settle();
  assert.deepEqual(page.data.requests[0], { id: 5, message: '想咨询养老服务', who: '陈阿姨', handled: false,
    status: '待处理', at: '2026-12-01 09:30' });
  page.handle({ currentTarget: { dataset: { id: 5 } } });
  await settle();
  assert.equal(handled, true);
});

test('a problem found on a visit can go to the grid as a 随手拍 work order', () => {
  const view = require('../households/utils/view');
  const form = { visited_on: '2026-11-29', discussed: '上门看望', needs_found: '楼下井盖松动', report_category: 'safety' };
  assert.deepEqual(view.visitBody(form, false, true).body.report, { category: 'safety', description: '楼下井盖松动' });
  assert.equal(view.visitBody(Object.assign({}, form, { needs_found: '' }), false, true).ok, false);
  assert.equal(view.visitBody(form, false, false).body.report, undefined);
});
