const test = require('node:test');
const assert = require('node:assert/strict');
const identity = require('../utils/identity');

// 11010519491231002X is the standard's own worked example (GB 11643-1999).
test('resident ID numbers: length, birth date and check character', () => {
  assert.equal(identity.idNumberProblem('11010519491231002X'), null);
  assert.equal(identity.idNumberProblem('11010519491231002x'), null);
  assert.equal(identity.idNumberProblem('110105194912310021'), '身份证号校验位不正确，请核对');
  assert.equal(identity.idNumberProblem('110105194913310027'), '身份证号中的出生日期不正确');
  assert.equal(identity.idNumberProblem('1101051949123100'), '身份证号应为18位（最后一位可为X）');
  assert.equal(identity.idNumberProblem(''), '请填写身份证号');
});

test('phones and the whole application form', () => {
  assert.equal(identity.phoneProblem('13800138000'), null);
  assert.equal(identity.phoneProblem('12800138000'), '请填写11位手机号');
  const problems = identity.applicationProblems({ real_name: '张志愿', phone: '13800138000', id_number: '11010519491231002X' });
  assert.deepEqual(Object.keys(problems).sort(), ['community_id', 'consent', 'team_id']);
  assert.deepEqual(identity.applicationProblems({ real_name: '张志愿', phone: '13800138000', id_number: '11010519491231002X',
    community_id: 1, team_id: 2, consent: true }), {});
});
