// 钱塘阿姨 mediation and 议事 pages under Node: my cases, a case with its
// agreement, logging a session or an outcome, topics, voting and commenting.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const { build } = require('../mediation/utils/record-form');
const menu = require('../utils/me-menu');

const MEDIATOR = { id: 8, name: '周阿姨', role: 'volunteer', community: { id: 5, name: '七格社区' }, scopes: [],
  roles: [{ role: 'resident', scope_kind: 'community', scope_id: 5 }, { role: 'volunteer', scope_kind: 'squad', scope_id: 3 }] };
const CASE = {
  id: 4, number: '钱塘阿姨调〔2026〕4号', community: { id: 5, name: '七格社区' }, grid: null, kind_label: '漏水',
  status: 'settled', status_label: '调解成功', outcome: 'settled', outcome_label: '调解成功', party_names: ['赵甲', '钱乙'],
  mediators: [{ id: 8, name: '周阿姨' }], created_at: '2026-11-02T02:00:00+00:00', summary: '楼上漏水',
  parties: [{ id: 1, side_label: '申请人', name: '赵甲', phone: '13900000001', address: '3 幢 201' }],
  outcome_at: '2026-11-10T02:00:00+00:00', agreement_terms: '一、楼上维修防水层。', referred_to: null, outcome_note: null,
  follow_ups: [], can_work: true, can_manage: false,
};
const TOPIC = {
  id: 3, title: '长廊下加装休息座椅', description: '请大家议一议', place: '党建文化长廊', community: { id: 7, name: '新沙社区' },
  status: 'open', status_label: '投票中', has_vote: true, vote_closes_at: '2099-01-01T00:00:00+00:00', voting_open: true,
  results_shown: false, options: [{ id: 1, label: '同意', votes: null }, { id: 2, label: '不同意', votes: null }],
  votes_total: null, my_vote: null, comment_count: 1, decision: null, actions: [], resolved_at: null,
  created_at: '2026-11-01T02:00:00+00:00', can_take_part: true,
};

// Only this area's entries: other areas add their own to the same menu.
const OURS = ['社区议事', '我的调解案件'];
const ours = (user) => menu.entriesFor(user).map((e) => e.label).filter((label) => OURS.includes(label));

test('我的 shows 我的调解案件 to volunteers and the lead, 社区议事 to residents of a community', () => {
  assert.deepEqual(ours(MEDIATOR), ['社区议事', '我的调解案件']);
  assert.deepEqual(ours(Object.assign({}, fx.RESIDENT, { roles: [{ role: 'resident' }] })), ['社区议事']);
});

test('my cases: parties and mediators in a row; a case opens; its agreement downloads and opens', async () => {
  const fixtures = Object.assign(fx.base(MEDIATOR), {
    'mediation.cases': fx.page([CASE, Object.assign({}, CASE, { id: 5, status: 'closed', status_label: '已结案' })]),
    'mediation.case': CASE, 'mediation.agreement': '%PDF', 'mediation.sessions': [{ id: 1, held_at: CASE.created_at, place: '调解室', notes: '双方到场',
      logged_by: { name: '周阿姨' } }],
  });
  const { page, wx } = loadPage('mediation/pages/cases/cases', fixtures);
  page.onShow();
  await settle();
  assert.deepEqual(page.data.cases.map((c) => [c.parties, c.mediatorNames]), [['赵甲、钱乙', '周阿姨']], 'closed ones under 全部');
  page.pickTab({ currentTarget: { dataset: { tab: 'all' } } });
  await settle();
  assert.equal(page.data.cases.length, 2);
  page.open({ currentTarget: { dataset: { id: 4 } } });
  assert.deepEqual(wx.calls.navigations, ['/mediation/pages/case/case?id=4']);

  const detail = loadPage('mediation/pages/case/case', fixtures);
  let opened = null;
  detail.wx.openDocument = (o) => { opened = o; };
  detail.page.onLoad({ id: '4' });
  detail.page.onShow();
  await settle();
  assert.equal(detail.page.data.item.hasAgreement, true);
  assert.equal(detail.page.data.item.canSession, false, 'settled: no more sessions');
  assert.equal(detail.page.data.item.canFollowUp, true);
  assert.equal(detail.page.data.sessions[0].notes, '双方到场');
  detail.page.agreement();
  await settle();
  assert.match(detail.wx.calls.downloads[0].url, /\/api\/v1\/mediation\/cases\/4\/agreement\.pdf$/);
  assert.equal(opened.fileType, 'pdf');
});

test('record form: a session needs notes, a settlement its terms, a referral whom to', async () => {
  assert.equal(build('session', { notes: ' ' }).problem, '请填写至少 2 个字的记录');
  assert.deepEqual(build('session', { notes: '双方到场', place: '调解室' }).body, { notes: '双方到场', place: '调解室' });
  assert.equal(build('outcome', { outcomeIndex: 0 }).problem, '请填写协议内容');
  assert.equal(build('outcome', { outcomeIndex: 1 }).problem, '请填写移交的部门');
  assert.deepEqual(build('outcome', { outcomeIndex: 2, notes: '' }).body, { outcome: 'not_settled', note: null });
  const fixtures = fx.base(MEDIATOR);
  let sent = null;
  fixtures['mediation.logSession'] = (req) => { sent = req.data; return { statusCode: 201, data: { id: 9 } }; };
  const { page, wx } = loadPage('mediation/pages/record/record', fixtures);
  wx.navigateBack = () => {};
  page.onLoad({ id: '4', kind: 'session' });
  page.input({ currentTarget: { dataset: { field: 'notes' } }, detail: { value: '约定周末上门查看' } });
  page.submit();
  await settle();
  assert.deepEqual(sent, { notes: '约定周末上门查看' });
});

test('议事: topics of my community; a topic takes my vote and my comment; the resolution shows who does what', async () => {
  const resident = Object.assign({}, fx.RESIDENT, { community: { id: 7, name: '新沙社区' } });
  let voted = null;
  let said = null;
  const fixtures = Object.assign(fx.base(resident), {
    'consultations.list': fx.page([Object.assign({}, TOPIC, { id: 2, status: 'resolved', status_label: '已形成决议' }), TOPIC]),
    'consultations.get': TOPIC,
    'consultations.comments': fx.page([{ id: 1, author: { name: '新沙居民' }, body: null, hidden: true,
      hidden_reason: '与议题无关', created_at: TOPIC.created_at, mine: false }]),
    'consultations.vote': (req) => { voted = req.data; return { option_id: 1, topic: { my_vote: 1 } }; },
    'consultations.comment': (req) => { said = req.data; return { statusCode: 201, data: { id: 2 } }; },
  });
  const list = loadPage('consult/pages/topics/topics', fixtures);
  list.page.onShow();
  await settle();
  assert.deepEqual(list.page.data.topics.map((t) => t.id), [3, 2], 'open topics first');

  const { page } = loadPage('consult/pages/topic/topic', fixtures);
  page.onLoad({ id: '3' });
  await settle();
  assert.equal(page.data.comments[0].hidden_reason, '与议题无关');
  page.vote({ currentTarget: { dataset: { id: 1 } } });
  await settle();
  assert.deepEqual(voted, { option_id: 1 });
  page.typing({ detail: { value: ' 支持加装 ' } });
  page.send();
  await settle();
  assert.deepEqual(said, { body: '支持加装' });

  const resolved = Object.assign({}, TOPIC, { status: 'resolved', voting_open: false, results_shown: true, votes_total: 4,
    options: [{ id: 1, label: '同意', votes: 3 }, { id: 2, label: '不同意', votes: 1 }], my_vote: 1, decision: '加装 4 张座椅',
    actions: [{ what: '采购安装', assignee: '下沙中学', due_on: '2026-12-31' }] });
  const done = loadPage('consult/pages/topic/topic', Object.assign({}, fixtures, { 'consultations.get': resolved }));
  done.page.onLoad({ id: '3' });
  await settle();
  assert.deepEqual(done.page.data.topic.options.map((o) => [o.share, o.mine]), [[75, true], [25, false]]);
  assert.equal(done.page.data.topic.actions[0].due, '2026-12-31');
  voted = null;
  done.page.vote({ currentTarget: { dataset: { id: 2 } } });
  assert.equal(voted, null, 'no vote once resolved');
});
