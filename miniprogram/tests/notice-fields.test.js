const test = require('node:test');
const assert = require('node:assert/strict');
const fields = require('../utils/notice-fields');

test('thing: 20 characters, counted as characters not bytes', () => {
  assert.equal(fields.problem('thing', '五月市民公益日：爱在下沙每一天，邀您参加'), null);
  assert.equal(fields.problem('thing', '五月市民公益日：爱在下沙每一天，邀您一起参加'), '超出 2 个字，限20个字以内');
  assert.equal(fields.problem('thing', '😀'.repeat(20)), null);
  assert.equal(fields.problem('thing', '  '), '不能为空');
});

test('time and date: WeChat formats, ranges with ~, real calendar days', () => {
  assert.equal(fields.problem('time', '15:01'), null);
  assert.equal(fields.problem('time', '2026年5月10日 09:00'), null);
  assert.equal(fields.problem('time', '2026年5月10日 09:00 ~ 2026年5月10日 11:30'), null);
  assert.notEqual(fields.problem('time', '25:00'), null);
  assert.notEqual(fields.problem('time', '2026年5月10日'), null);
  assert.equal(fields.problem('date', '2026年5月10日'), null);
  assert.equal(fields.problem('date', '2026-05-10 09:00'), null);
  assert.notEqual(fields.problem('date', '2026年2月30日'), null);
  assert.notEqual(fields.problem('date', '2026-05/10'), null);
});

test('number, amount, phone, name, phrase, symbol, letter, character_string, car_number', () => {
  assert.equal(fields.problem('number', '2.5'), null);
  assert.notEqual(fields.problem('number', '-2'), null);
  assert.equal(fields.problem('amount', '¥100.50'), null);
  assert.equal(fields.problem('amount', '100元'), null);
  assert.notEqual(fields.problem('amount', '¥1.234'), null);
  assert.equal(fields.problem('phone_number', '0571-86000000'), null);
  assert.notEqual(fields.problem('phone_number', '电话0571'), null);
  assert.equal(fields.problem('name', '王书记'), null);
  assert.notEqual(fields.problem('name', '铭和社区党群服务中心王书记'), null);
  assert.equal(fields.problem('name', 'Wang Shuji'), null);
  assert.equal(fields.problem('phrase', '进行中'), null);
  assert.notEqual(fields.problem('phrase', '进行中abc'), null);
  assert.equal(fields.problem('symbol', '★'), null);
  assert.notEqual(fields.problem('symbol', 'a'), null);
  assert.equal(fields.problem('letter', 'abc'), null);
  assert.equal(fields.problem('character_string', 'JS-2026-0001'), null);
  assert.notEqual(fields.problem('character_string', '编号1'), null);
  assert.equal(fields.problem('car_number', '浙A12345'), null);
  assert.notEqual(fields.problem('car_number', '浙A1234567'), null);
});

test("a template's fields are all checked, and counters shown for length-limited types", () => {
  const template = { fields: [{ key: 'thing1', type: 'thing' }, { key: 'time2', type: 'time' }] };
  assert.deepEqual(Object.keys(fields.problems(template, { thing1: '讲座', time2: 'tomorrow' })), ['time2']);
  assert.deepEqual(Object.keys(fields.problems(template, {})), ['thing1', 'time2']);
  assert.equal(fields.counter('thing', '讲座'), '2/20');
  assert.equal(fields.counter('time', '15:01'), '');
});
