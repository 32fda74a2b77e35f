// Each person sees exactly their tools: the mini-program reads every role held
// from /me's `roles`, so a resident who also organises one community gets the
// organiser's pages, and a unit contact does not.
const test = require('node:test');
const assert = require('node:assert/strict');
const format = require('../utils/format');
const eventForm = require('../utils/event-form');

const resident = { role: 'resident', roles: [{ role: 'resident', scope_kind: 'community', scope_id: 1 }], scopes: [] };
const volunteerAndOrganiser = {
  role: 'organiser',
  roles: [
    { role: 'resident', scope_kind: 'community', scope_id: 1 },
    { role: 'volunteer', scope_kind: 'squad', scope_id: 4 },
    { role: 'organiser', scope_kind: 'community', scope_id: 1 },
  ],
  scopes: [{ id: 9, community_id: 1, member_unit_id: null }],
};
const unitContact = { role: 'unit_contact', roles: [{ role: 'resident' }, { role: 'unit_contact', scope_kind: 'member_unit', scope_id: 2 }] };
const admin = { role: 'admin', roles: [{ role: 'resident' }, { role: 'admin', scope_kind: 'subdistrict', scope_id: null }] };

test('organiser tools follow the roles held, not one role field', () => {
  assert.equal(format.isOrganiser(resident), false);
  assert.equal(format.isOrganiser(volunteerAndOrganiser), true);
  assert.equal(format.isOrganiser(unitContact), false);
  assert.equal(format.isOrganiser(admin), true);
  assert.equal(format.isOrganiser({ role: 'organiser' }), true); // an older /me answer
});

test('the me page names every role held, once each', () => {
  assert.equal(format.roleLabels(volunteerAndOrganiser), '居民 · 志愿者 · 组织者');
  assert.equal(format.roleLabels(unitContact), '居民 · 共建单位联络人');
  assert.equal(format.roleLabels(null), '');
});

test('only the office may host subdistrict-wide events', () => {
  const communities = [{ id: 1, name: '铭和社区' }, { id: 2, name: '柠檬社区' }];
  assert.equal(eventForm.hostChoices(admin, communities)[0].label, '下沙街道');
  assert.deepEqual(eventForm.hostChoices(volunteerAndOrganiser, communities).map((c) => c.label), ['铭和社区']);
});
