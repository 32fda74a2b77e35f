const test = require('node:test');
const assert = require('node:assert/strict');
const stars = require('../utils/stars');

test('levels follow the 100/300/600/1000/1500 hour thresholds', () => {
  assert.equal(stars.levelFor(0), 0);
  assert.equal(stars.levelFor(99.9), 0);
  assert.equal(stars.levelFor(100), 1);
  assert.equal(stars.levelFor(599), 2);
  assert.equal(stars.levelFor(1000), 4);
  assert.equal(stars.levelFor(5000), 5);
});

test("the server's level and title win over the local thresholds", () => {
  const v = stars.describe(120, { stars: 1, title: '一星级志愿者', next_threshold_hours: 300 });
  assert.equal(v.level, 1);
  assert.equal(v.name, '一星级志愿者');
  assert.deepEqual(v.stars, [true, false, false, false, false]);
  assert.equal(v.toNext, 180);
  assert.equal(v.percent, 10);
  assert.equal(v.hint, '再服务 180 小时可达二星级志愿者');
});

test('without a server level, progress comes from the thresholds', () => {
  const v = stars.describe(50.5, null);
  assert.equal(v.level, 0);
  assert.equal(v.next, 100);
  assert.equal(v.percent, 51);
  assert.equal(v.hint, '再服务 49.5 小时可达一星级志愿者');
});

test('five stars has nothing left to reach', () => {
  const v = stars.describe(1600, { stars: 5, title: '五星级志愿者', next_threshold_hours: null });
  assert.equal(v.percent, 100);
  assert.equal(v.next, null);
  assert.match(v.hint, /最高星级/);
});
