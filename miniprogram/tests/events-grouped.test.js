// The events list and home page show a welfare day once, its community
// activities folded under it, the person's own community first.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const eventView = require('../utils/event-view');

test('nested: the first activity shows folded, the rest on demand', () => {
  const day = Object.assign({}, fx.WELFARE, { activities: [
    { id: 11, title: '爱心义剪', host_name: '铭和社区', in_my_community: true, starts_at: fx.WELFARE.starts_at, ends_at: fx.WELFARE.ends_at },
    { id: 12, title: '旧物改造', host_name: '柠檬社区', in_my_community: false, starts_at: fx.WELFARE.starts_at, ends_at: fx.WELFARE.ends_at },
    { id: 13, title: '义诊', host_name: '智格社区', in_my_community: false, starts_at: fx.WELFARE.starts_at, ends_at: fx.WELFARE.ends_at }] });
  const n = eventView.nested(day);
  assert.equal(n.count, 3);
  assert.deepEqual(n.preview.map((a) => [a.id, a.mine]), [[11, true]]);
  assert.equal(n.hiddenCount, 2);
  assert.equal(eventView.nested(fx.LECTURE).count, 0);
});

test('communityChoices: all, then mine, then the rest', () => {
  const choices = eventView.communityChoices([{ id: 1, name: '铭和社区' }, { id: 2, name: '柠檬社区' }],
    { community: { id: 2, name: '柠檬社区' } });
  assert.deepEqual(choices.map((c) => c.id), [0, 2, 1]);
  assert.equal(choices[1].name, '柠檬社区（我的社区）');
  assert.deepEqual(eventView.communityChoices([{ id: 1, name: '铭和社区' }], null).map((c) => c.id), [0, 1]);
});

test('events list: asks for the grouped list; a welfare day unfolds its communities', async () => {
  const { page, wx } = loadPage('pages/events/list', fx.base());
  page.onLoad();
  page.onShow();
  await settle();
  assert.match(wx.calls.requests[wx.calls.requests.length - 1].url, /group=true/);
  const index = page.data.items.findIndex((e) => e.kind === 'welfare_day');
  const day = page.data.items[index];
  assert.equal(page.data.items.filter((e) => e.kind === 'welfare_day').length, 1, 'the day once');
  assert.deepEqual(day.nested.preview.map((a) => a.host), ['铭和社区']);
  assert.equal(day.nested.hiddenCount, 1);
  page.toggleDay({ currentTarget: { dataset: { index: index } } });
  assert.equal(page.data.items[index].nested.expanded, true);
  page.openEvent({ currentTarget: { dataset: { id: 12 } } });
  assert.deepEqual(wx.calls.navigations, ['/pages/event/detail?id=12']);
});
