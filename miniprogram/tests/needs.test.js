// The needs pages' rules: who may do what with a duty, the words shown, and
// photos uploaded one by one before the form is sent.
const test = require('node:test');
const assert = require('node:assert/strict');
const view = require('../utils/needs-view');

test('the raiser rates a done duty and reopens it within its window only', () => {
  const need = { can_rate: true };
  const now = Date.parse('2026-12-10T10:00:00+08:00');
  const within = { status: 'closed', reopen_until: '2026-12-12T10:00:00+08:00' };
  const passed = { status: 'done', reopen_until: '2026-12-09T10:00:00+08:00' };
  assert.deepEqual(view.raiserActions(need, within, now), { rate: false, reopen: true });
  assert.deepEqual(view.raiserActions(need, passed, now), { rate: true, reopen: false });
  assert.deepEqual(view.raiserActions({ can_rate: false }, passed, now), { rate: false, reopen: false });
});

test('a unit answers an offered duty and works on an accepted one', () => {
  assert.deepEqual(view.unitActions({ status: 'offered' }), { accept: true, decline: true, progress: false, done: false });
  assert.deepEqual(view.unitActions({ status: 'accepted' }), { accept: false, decline: false, progress: true, done: true });
  assert.deepEqual(view.unitActions({ status: 'done' }), { accept: false, decline: false, progress: false, done: false });
});

test('the units one speaks for and community staff come from /me roles', () => {
  const user = { roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 },
    { role: 'unit_contact', scope_kind: 'member_unit', scope_id: 7 },
    { role: 'organiser', scope_kind: 'member_unit', scope_id: 7 },
    { role: 'organiser', scope_kind: 'member_unit', scope_id: 9 }] };
  assert.deepEqual(view.unitIdsOf(user), [7, 9]);
  assert.equal(view.isCommunityStaff(user), false);
  assert.equal(view.isCommunityStaff({ roles: [{ role: 'organiser', scope_kind: 'community', scope_id: 1 }] }), true);
});

test('words: stars, labels, deadlines, score parts', () => {
  assert.equal(view.stars(4), '★★★★☆');
  assert.equal(view.labelOf(view.URGENCIES, 'urgent'), '紧急');
  assert.equal(view.endOfDay('2026-12-13'), '2026-12-13T23:59:00+08:00');
  assert.equal(view.scoreLine({ parts: { match: 40, distance: 24.5, load: 20, rating: 7.5 } }),
    '匹配 40 · 距离 24.5 · 负荷 20 · 评价 7.5');
});

test('photos are uploaded one at a time with their purpose', async () => {
  const sent = [];
  const api = { upload: (name, options) => { sent.push([name, options.filePath, options.query.purpose]); return Promise.resolve({ id: sent.length, url: 'u' + sent.length }); } };
  const uploaded = await view.uploadAll(api, ['a.jpg', 'b.jpg'], 'need_photo');
  assert.deepEqual(uploaded, [{ id: 1, url: 'u1' }, { id: 2, url: 'u2' }]);
  assert.deepEqual(sent, [['uploads.create', 'a.jpg', 'need_photo'], ['uploads.create', 'b.jpg', 'need_photo']]);
});
