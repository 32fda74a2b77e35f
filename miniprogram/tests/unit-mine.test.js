// 我的单位: a unit contact sees their unit's profile, this year's projects
// with progress and its resources; someone who speaks for no unit is told so.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const unitView = require('../utils/unit-view');

const CONTACT = { id: 9, name: '下沙中学李老师', role: 'unit_contact', community: null, scopes: [],
  roles: [{ role: 'resident', scope_kind: 'subdistrict', scope_id: null },
    { role: 'unit_contact', scope_kind: 'member_unit', scope_id: 7 }] };
const UNIT = { id: 7, name: '下沙中学', kind_label: '学校', level_label: '街道级', community: null,
  party_org_name: '下沙中学党总支', address: '学林街 100 号', introduction: '百年名校', status: 'active',
  status_label: '正常', contacts: [{ name: '下沙中学李老师', phone: null }], can_edit_profile: true };
const PROJECT = { id: 3, title: '聚沙讲堂·共享党课', kind_label: '必选', status: 'active', status_label: '进行中',
  goals: '全年送课 6 次', milestones: [{ title: '制定方案', done_on: '2026-03-20' }, { title: '年度总结', done_on: null }],
  progress: { events_linked: 3, events_held: 2, attendance: 315, unit_volunteer_hours: 12.5, milestones_done: 1,
    milestones_total: 2, percent: 50 } };
const RESOURCE = { id: 4, kind_label: '场地', service: null, title: '下沙中学礼堂', capacity: 300, capacity_unit: '座',
  availability: '周末', communities: [] };

test('my unit: profile, projects with progress, resources, for the unit the contact speaks for', async () => {
  const fixtures = fx.base(CONTACT);
  const asked = [];
  fixtures['units.get'] = (req) => { asked.push(req.url); return UNIT; };
  fixtures['projects.list'] = (req) => { asked.push(req.url); return fx.page([PROJECT]); };
  fixtures['resources.list'] = (req) => { asked.push(req.url); return fx.page([RESOURCE]); };
  const { page } = loadPage('pages/unit/mine', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.allowed, true);
  assert.equal(page.data.unit.name, '下沙中学');
  assert.equal(page.data.unit.tags, '学校 · 街道级');
  assert.equal(page.data.unit.contacts, '下沙中学李老师');
  assert.match(asked[0], /\/api\/v1\/units\/7$/);
  assert.ok(asked.some((url) => /projects\?.*unit_id=7/.test(url) && /year=\d{4}/.test(url)));
  assert.ok(asked.some((url) => /resources\?.*unit_id=7/.test(url)));
  const [project] = page.data.projects;
  assert.equal(project.percentText, '50%');
  assert.equal(project.facts, '活动 2/3 场 · 签到 315 人次 · 志愿 12.5 小时');
  assert.deepEqual(project.milestones.map((m) => m.done), [true, false]);
  assert.equal(page.data.resources[0].detail, '300座 · 周末');
  assert.equal(page.data.resources[0].serves, '服务：全街道');
});

test('my unit: a failed list says so instead of "nothing"', async () => {
  const fixtures = fx.base(CONTACT);
  fixtures['units.get'] = UNIT;
  fixtures['projects.list'] = { statusCode: 500, data: { error: { code: 'internal_error', message: '服务器开小差了' } } };
  fixtures['resources.list'] = fx.page([]);
  const { page } = loadPage('pages/unit/mine', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.projectsState, 'failed');
  assert.equal(page.data.resourcesState, 'empty');
});

test('my unit: a resident is told it is for unit contacts', async () => {
  const { page } = loadPage('pages/unit/mine', fx.base());
  page.onShow();
  await settle();
  assert.equal(page.data.allowed, false);
});

test('unit ids come from unit_contact and member-unit organiser roles, each once', () => {
  assert.deepEqual(unitView.unitIds(CONTACT), [7]);
  assert.deepEqual(unitView.unitIds({ roles: [{ role: 'organiser', scope_kind: 'community', scope_id: 1 }] }), []);
  assert.deepEqual(unitView.unitIds({ roles: [{ role: 'organiser', scope_kind: 'member_unit', scope_id: 2 },
    { role: 'unit_contact', scope_kind: 'member_unit', scope_id: 2 }] }), [2]);
  assert.deepEqual(unitView.unitIds(null), []);
});
