// 基层吹哨·联盟报到 under Node: the form's body, the report, the roll call.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const view = require('../utils/whistle-view');

const STAFF = Object.assign({}, fx.ORGANISER, { roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 },
  { role: 'organiser', scope_kind: 'community', scope_id: 1, grant_id: 1 }] });
const CONTACT = { id: 7, name: '下沙中学联络人', role: 'unit_contact', community: null, scopes: [],
  roles: [{ role: 'resident', scope_kind: 'subdistrict', scope_id: null }, { role: 'unit_contact', scope_kind: 'member_unit', scope_id: 11 }] };
const WHISTLE = {
  id: 5, title: '暴雨后小区积水清理', description: '车库进水', place: '智格社区 3 号楼', status: 'open',
  needed_by: '2099-05-12T06:00:00+00:00', created_at: '2099-05-12T03:00:00+00:00', community: { id: 1, name: '铭和社区' },
  event_id: 40, can_manage: false, my_unit_ids: [11], units: [{ id: 11, name: '下沙中学' }, { id: 12, name: '钱塘区人民医院' }],
  reports: [{ id: 1, unit: { id: 12, name: '钱塘区人民医院' }, people_count: 3, brings: '急救包', arrive_at: null, response_minutes: 12 }],
  summary: null, unit_count: 2, reported_count: 1,
};

test('whistle form: hours become a time with +08:00, staff communities only, problems in Chinese', () => {
  const now = Date.parse('2099-05-12T01:00:00Z'); // 09:00 in Xiasha
  const built = view.build({ title: ' 积水清理 ', place: '3 号楼', hoursIndex: 2, community: { id: 1 },
    location: { latitude: 30.31, longitude: 120.36 } }, now);
  assert.deepEqual(built.problems, {});
  assert.equal(built.body.needed_by, '2099-05-12T12:00:00+08:00');
  assert.equal(built.body.title, '积水清理');
  assert.equal(built.body.to_all_units, true);
  assert.equal(built.body.latitude, 30.31);
  assert.deepEqual(Object.keys(view.build({ hoursIndex: 99 }, now).problems).sort(),
    ['community_id', 'needed_by', 'place', 'title']);
  const communities = [{ id: 1, name: '铭和社区' }, { id: 2, name: '柠檬社区' }];
  assert.deepEqual(view.staffCommunities(STAFF, communities).map((c) => c.id), [1]);
  assert.deepEqual(view.staffCommunities(CONTACT, communities), []);
  assert.equal(view.staffCommunities({ roles: [{ role: 'admin' }] }, communities).length, 2);
  assert.deepEqual(view.unitIds(CONTACT), [11]);
});

test('raise page: sends the whistle and opens its roll call', async () => {
  const fixtures = fx.base(STAFF);
  let sent = null;
  fixtures['whistles.create'] = (req) => { sent = req.data; return { statusCode: 201, data: Object.assign({}, WHISTLE, { id: 9 }) }; };
  const { page, wx } = loadPage('pages/whistle/raise', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.communityIndex, 0, 'the one community is chosen');
  page.input({ currentTarget: { dataset: { field: 'title' } }, detail: { value: '积水清理' } });
  page.input({ currentTarget: { dataset: { field: 'place' } }, detail: { value: '3 号楼' } });
  page.submit();
  await settle();
  assert.equal(sent.community_id, 1);
  assert.match(sent.needed_by, /\+08:00$/);
  await new Promise((resolve) => setTimeout(resolve, 900));
  assert.deepEqual(wx.calls.navigations, ['/pages/whistle/rollcall?id=9']);
});

test('report page: my unit reports people, what it brings and the arrival', async () => {
  const fixtures = fx.base(CONTACT);
  fixtures['whistles.get'] = WHISTLE;
  let sent = null;
  fixtures['whistles.report'] = (req) => { sent = req.data; return { statusCode: 201, data: { id: 2, unit: { name: '下沙中学' }, people_count: 6 } }; };
  const { page } = loadPage('pages/whistle/report', fixtures);
  page.onLoad({ id: '5' });
  await settle();
  assert.deepEqual(page.data.units.map((u) => u.name), ['下沙中学'], 'only my addressed unit');
  assert.equal(page.data.reports[0].after, '12分钟');
  page.input({ currentTarget: { dataset: { field: 'people' } }, detail: { value: '0' } });
  page.submit();
  assert.equal(page.data.errors.people, '人数应在 1 到 500 之间');
  page.input({ currentTarget: { dataset: { field: 'people' } }, detail: { value: '6' } });
  page.input({ currentTarget: { dataset: { field: 'brings' } }, detail: { value: '抽水泵 2 台' } });
  page.pick({ currentTarget: { dataset: { field: 'arriveDate' } }, detail: { value: '2099-05-12' } });
  page.pick({ currentTarget: { dataset: { field: 'arriveTime' } }, detail: { value: '13:30' } });
  page.submit();
  await settle();
  assert.deepEqual(sent, { unit_id: 11, people_count: 6, brings: '抽水泵 2 台', arrive_at: '2099-05-12T13:30:00+08:00' });
});

test('roll call page: reported first with response time, the silent ones, the code to show', async () => {
  const fixtures = fx.base(STAFF);
  fixtures['whistles.rollCall'] = {
    title: '暴雨后小区积水清理', status: 'open', needed_by: WHISTLE.needed_by, event_id: 40, as_of: '2099-05-12T04:00:00+00:00',
    totals: { units: 2, reported: 1, not_reported: 1, response_rate: 0.5, average_response_minutes: 12, people_promised: 3,
      checked_in: 2, checked_in_for_units: 1, checked_out: 0 },
    units: [
      { unit: { id: 12, name: '钱塘区人民医院' }, reported: true, response_minutes: 12, people_promised: 3, checked_in: 1,
        brings: '急救包', arrive_at: '2099-05-12T04:30:00+00:00' },
      { unit: { id: 11, name: '下沙中学' }, reported: false, response_minutes: null, people_promised: 0, checked_in: 0,
        brings: null, arrive_at: null }],
  };
  const { page, wx } = loadPage('pages/whistle/rollcall', fixtures);
  page.onLoad({ id: '5' });
  page.onShow();
  await settle();
  page.onUnload();
  assert.deepEqual(page.data.units.map((u) => u.status), ['已报到 · 12分钟', '未报到']);
  assert.equal(page.data.summary.reported, '1/2');
  assert.equal(page.data.summary.rate, '50%');
  assert.equal(page.data.units[0].arrive, '12:30');
  page.showCode();
  assert.deepEqual(wx.calls.navigations, ['/organiser/pages/qrcode?id=40']);
});

test('whistle list: staff may blow the whistle; a contact opens the report page', async () => {
  const fixtures = fx.base(CONTACT);
  fixtures['whistles.list'] = fx.page([WHISTLE]);
  const { page, wx } = loadPage('pages/whistle/list', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.canRaise, false);
  assert.equal(page.data.items[0].mine, true);
  page.open({ currentTarget: { dataset: { id: 5, manage: false } } });
  assert.deepEqual(wx.calls.navigations, ['/pages/whistle/report?id=5']);
  const staff = loadPage('pages/whistle/list', Object.assign(fx.base(STAFF), { 'whistles.list': fx.page([]) }));
  staff.page.onShow();
  await settle();
  assert.equal(staff.page.data.canRaise, true);
});
