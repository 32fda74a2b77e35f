// Party members under Node: the declaration form, 报到 posts, the learning
// record's sections, the branch organiser's review, the 我的 menu entries.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const view = require('../party/utils/party-view');
const meMenu = require('../utils/me-menu');

const BRANCHES = { items: [{ id: 3, name: '铭和社区党总支', kind_label: '社区党组织', can_review: false },
  { id: 4, name: '下沙中学党支部', kind_label: '单位党组织', can_review: false }], total: 2 };
const UNITS = { items: [{ id: 11, name: '下沙中学' }, { id: 12, name: '下沙供电所' }], total: 2 };
const MEMBERSHIP = { id: 8, user: { name: '赵党员' }, branch: { id: 4, name: '下沙中学党支部' }, joined_on: '2010-07-01',
  in_service: true, work_unit: { id: 11, name: '下沙中学' }, status: 'confirmed', status_label: '已确认',
  review_reason: null, reviewed_at: null, declared_at: '2026-05-10T09:00:00+08:00' };
const SECRETARY = { id: 9, name: '党总支书记', role: 'branch_organiser', community: { id: 1, name: '铭和社区' }, scopes: [],
  roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 }, { role: 'branch_organiser', scope_kind: 'party_branch', scope_id: 3 }] };

test('declaration: branch required, 在职党员 need a unit, a date after the founding; the body the API takes', () => {
  assert.deepEqual(Object.keys(view.buildDeclaration({ inService: true }, '2026-12-02').problems).sort(),
    ['branch_id', 'work_unit_id']);
  assert.ok(view.buildDeclaration({ branch: { id: 3 }, joinedOn: '1920-01-01' }, '2026-12-02').problems.joined_on);
  const built = view.buildDeclaration({ branch: { id: 3 }, joinedOn: '2010-07-01', inService: false,
    workUnit: { id: 11 } }, '2026-12-02');
  assert.deepEqual(built, { problems: {}, body: { branch_id: 3, joined_on: '2010-07-01', in_service: false, work_unit_id: null } });
});

test('membership page: nobody declared yet sees the form and sends the declaration', async () => {
  const fixtures = fx.base(fx.RESIDENT);
  let sent = null;
  fixtures['party.mine'] = { membership: null, report: null, can_report: false };
  fixtures['party.branches'] = BRANCHES;
  fixtures['party.workUnits'] = UNITS;
  fixtures['party.declare'] = (req) => {
    sent = req.data;
    return { membership: Object.assign({}, MEMBERSHIP, { status: 'pending', status_label: '待确认' }), report: null, can_report: false };
  };
  const { page } = loadPage('party/pages/membership/membership', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.editing, true);
  page.submit();
  assert.equal(page.data.errors.branch_id, '请选择所在党组织');
  page.pickBranch({ detail: { value: '1' } });
  page.pickDate({ detail: { value: '2010-07-01' } });
  page.toggleService({ detail: { value: true } });
  page.pickUnit({ detail: { value: '0' } });
  page.submit();
  await settle();
  assert.deepEqual(sent, { branch_id: 4, joined_on: '2010-07-01', in_service: true, work_unit_id: 11 });
  assert.equal(page.data.editing, false);
  assert.equal(page.data.membership.statusLabel, '待确认');
});

test('report page: a confirmed 在职党员 chooses posts of their community; full posts are not offered', async () => {
  const fixtures = fx.base(fx.RESIDENT);
  let sent = null;
  fixtures['party.mine'] = { membership: MEMBERSHIP, report: null, can_report: true };
  fixtures['party.posts'] = [{ id: 1, name: '楼道长', description: '本楼道联络', capacity: 2, taken: 2 },
    { id: 2, name: '助老服务', description: null, capacity: null, taken: 3 }];
  fixtures['party.report'] = (req) => {
    sent = req.data;
    return { membership: MEMBERSHIP, can_report: true, report: { id: 1, community: { name: '铭和社区' }, status: 'active',
      posts: [{ id: 2, name: '助老服务' }], note: null, reported_at: '2026-12-02T09:00:00+08:00' } };
  };
  const { page } = loadPage('party/pages/report/report', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.community, '铭和社区');
  assert.deepEqual(page.data.posts.map((p) => [p.name, p.full, p.places]), [['楼道长', true, '已报 2/2 人'], ['助老服务', false, '已报 3 人']]);
  page.submit();
  assert.equal(page.data.errors.post_ids, '请至少选择 1 个服务岗位');
  page.choose({ detail: { value: ['2'] } });
  page.input({ detail: { value: '周末有空' } });
  page.submit();
  await settle();
  assert.deepEqual(sent, { post_ids: [2], note: '周末有空' });
});

test('learning page: lectures, hours and the sections other areas add', async () => {
  const fixtures = fx.base(fx.RESIDENT);
  fixtures['party.learning'] = { year: 2026, membership: { branch: { name: '下沙中学党支部' }, status: 'confirmed' },
    lectures: [{ event_id: 2, title: '学习百年党史', kind: 'party_day', starts_at: '2026-05-10T14:00:00+08:00' }],
    lecture_count: 1, hours: 6.5, hours_by_year: [{ year: 2026, hours: 6.5 }, { year: 2025, hours: 12 }],
    sections: { contests: { title: '知识竞赛', summary: '参加 2 场，最好成绩 95 分', items: [{ title: '百年党史知多少' }] },
      online: { title: '线上学习', summary: '完成 3 项' } } };
  const { page } = loadPage('party/pages/learning/learning', fixtures);
  page.onLoad();
  await settle();
  const record = page.data.record;
  assert.equal(record.branch, '下沙中学党支部');
  assert.deepEqual(record.lectures.map((l) => l.kind), ['主题党日']);
  assert.deepEqual(record.sections.map((s) => [s.title, s.summary]), [['知识竞赛', '参加 2 场，最好成绩 95 分'], ['线上学习', '完成 3 项']]);
  assert.deepEqual(record.sections[0].items, ['百年党史知多少']);
});

test('review page: the organiser confirms and rejects with a reason; the menu shows it to organisers only', async () => {
  const fixtures = fx.base(SECRETARY);
  const calls = [];
  fixtures['party.branches'] = { items: [{ id: 3, name: '铭和社区党总支', can_review: true, member_count: 5, pending_count: 1 }], total: 1 };
  fixtures['party.members'] = { items: [Object.assign({}, MEMBERSHIP, { status: 'pending', status_label: '待确认' })], total: 1 };
  fixtures['party.confirm'] = (req) => { calls.push(['confirm', req.url]); return { id: 8, status: 'confirmed' }; };
  fixtures['party.reject'] = (req) => { calls.push(['reject', req.data]); return { id: 8, status: 'rejected' }; };
  const { page } = loadPage('party/pages/review/review', fixtures, { modalContents: ['查无此人，请核对支部'] });
  page.onLoad();
  await settle();
  assert.equal(page.data.members[0].name, '赵党员');
  page.confirm({ currentTarget: { dataset: { id: 8 } } });
  page.withReason({ currentTarget: { dataset: { id: 8, action: 'reject' } } });
  await settle();
  assert.match(calls[0][1], /memberships\/8\/confirm$/);
  assert.deepEqual(calls[1], ['reject', { reason: '查无此人，请核对支部' }]);
  const labels = (user) => meMenu.entriesFor(user).map((e) => e.label);
  assert.ok(labels(SECRETARY).includes('党员审核'));
  assert.ok(!labels(fx.RESIDENT).includes('党员审核') && labels(fx.RESIDENT).includes('我的党组织'));
});
