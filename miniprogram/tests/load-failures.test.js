// An error is not an empty list: when a load fails, pages say so and never
// show "暂无…" (which would tell people there is nothing).
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const pageData = require('../utils/page-data');

const DOWN = { statusCode: 503, data: { error: { code: 'service_unavailable', message: '服务暂时不可用，请稍后再试' } } };

test('listState: failed, empty and ready are three different things', () => {
  assert.equal(pageData.listState(null), 'loading');
  assert.equal(pageData.listState({ ok: false, error: new Error('x') }), 'failed');
  assert.equal(pageData.listState({ ok: true, value: { items: [] } }), 'empty');
  assert.equal(pageData.listState({ ok: true, value: [{ id: 1 }] }), 'ready');
  assert.equal(pageData.listState({ ok: true }, []), 'empty');
  assert.equal(pageData.pickerPlaceholder('failed', '暂无活动'), '加载失败，请返回重试');
  assert.equal(pageData.pickerPlaceholder('empty', '暂无活动'), '暂无活动');
  assert.equal(pageData.pickerPlaceholder('ready', '暂无活动'), '请选择');
});

test('home: failed sections are marked failed, not empty', async () => {
  const fixtures = fx.base();
  fixtures['events.list'] = () => DOWN;
  fixtures['me.registrations'] = () => DOWN;
  const { page } = loadPage('pages/index/index', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.failed, '服务暂时不可用，请稍后再试');
  assert.deepEqual(page.data.states, { welfare: 'failed', lectures: 'failed', activities: 'failed', registrations: 'failed' });
});

test('home: a section that loaded with nothing is empty', async () => {
  const fixtures = fx.base();
  fixtures['events.list'] = (req) => (req.url.includes('lecture') ? fx.page([]) : fx.page([fx.ACTIVITY]));
  const { page } = loadPage('pages/index/index', fixtures);
  page.onLoad();
  await settle();
  assert.equal(page.data.states.lectures, 'empty');
  assert.equal(page.data.states.activities, 'ready');
});

test('events list: a failed load shows the error, not "暂无符合条件的活动"', async () => {
  const fixtures = fx.base();
  fixtures['events.list'] = () => DOWN;
  const { page } = loadPage('pages/events/list', fixtures);
  page.onLoad();
  page.onShow();
  await settle();
  assert.equal(page.data.state, 'failed');
  assert.equal(page.data.loadError, '服务暂时不可用，请稍后再试');
});

test('organiser home: a failed load is not "暂无进行中的活动"', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.list'] = () => DOWN;
  const { page } = loadPage('organiser/pages/index', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.state, 'failed');
  assert.equal(page.data.loadError, '服务暂时不可用，请稍后再试');
});

test('create and notice: pickers say the load failed instead of "暂无…"', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.list'] = () => DOWN;
  const create = loadPage('organiser/pages/create', fixtures);
  create.page.onLoad({});
  await settle();
  assert.equal(create.page.data.welfarePlaceholder, '加载失败，请返回重试');
  const notice = loadPage('organiser/pages/notice', fixtures);
  notice.page.onLoad({});
  await settle();
  assert.equal(notice.page.data.eventsPlaceholder, '加载失败，请返回重试');
});
