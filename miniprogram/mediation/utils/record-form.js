// What the record page sends for a session, an outcome or a follow-up visit.
const OUTCOMES = [{ key: 'settled', label: '调解成功' }, { key: 'referred', label: '移交其他部门' },
  { key: 'not_settled', label: '调解未成功' }];

// -> {body, problem}: what the form sends, or the first thing to fix (Chinese).
function build(kind, form) {
  const text = (form.notes || '').trim();
  if (kind === 'outcome') {
    const outcome = OUTCOMES[form.outcomeIndex || 0].key;
    const body = { outcome: outcome, note: text || null };
    if (outcome === 'settled') {
      body.terms = (form.terms || '').trim();
      if (!body.terms) return { problem: '请填写协议内容' };
    }
    if (outcome === 'referred') {
      body.referred_to = (form.referredTo || '').trim();
      if (!body.referred_to) return { problem: '请填写移交的部门' };
    }
    return { body: body };
  }
  if (text.length < 2) return { problem: '请填写至少 2 个字的记录' };
  const body = { notes: text };
  if (kind === 'session' && (form.place || '').trim()) body.place = form.place.trim();
  return { body: body };
}

module.exports = { build, OUTCOMES };
