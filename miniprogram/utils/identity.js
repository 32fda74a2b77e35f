// Checks on what a volunteer types, before it leaves the phone. The server
// checks again; these only save a round trip and say precisely what is wrong.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

// Mainland resident ID (GB 11643-1999): 18 characters, a valid birth date,
// and the ISO 7064 MOD 11-2 check character.
function idNumberProblem(value) {
  const id = String(value || '').trim().toUpperCase();
  if (!id) return '请填写身份证号';
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位（最后一位可为X）';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return '身份证号中的出生日期不正确';
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== id[17]) return '身份证号校验位不正确，请核对';
  return null;
}

function phoneProblem(value) {
  const phone = String(value || '').trim();
  if (!phone) return '请填写手机号';
  if (!/^1[3-9]\d{9}$/.test(phone)) return '请填写11位手机号';
  return null;
}

function nameProblem(value) {
  const name = String(value || '').trim();
  if (!name) return '请填写真实姓名';
  if (Array.from(name).length > 32) return '姓名过长';
  return null;
}

// The application form -> {field: problem}; empty when it may be sent.
function applicationProblems(form) {
  const problems = {};
  const add = (key, problem) => { if (problem) problems[key] = problem; };
  add('real_name', nameProblem(form.real_name));
  add('phone', phoneProblem(form.phone));
  add('id_number', idNumberProblem(form.id_number));
  if (!form.community_id) problems.community_id = '请选择所在社区';
  if (!form.team_id) problems.team_id = '请选择要加入的中队';
  if (!form.consent) problems.consent = '请阅读并同意个人信息处理规则';
  return problems;
}

module.exports = { idNumberProblem, phoneProblem, nameProblem, applicationProblems };
