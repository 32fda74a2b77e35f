// Small helpers the pages share for loading state.
const time = require('./time');

// Today's date in Shanghai as the API's date filter ("2026-05-10").
function today(now) {
  return time.toPickers(now === undefined ? Date.now() : now).date;
}

// Run loaders together; each failure is kept apart so one broken section
// does not blank the whole page. -> [{ok, value, error}]
function settle(promises) {
  return Promise.all(promises.map((p) => Promise.resolve(p).then(
    (value) => ({ ok: true, value: value }),
    (error) => ({ ok: false, error: error }),
  )));
}

function itemsOf(page) {
  if (!page) return [];
  return Array.isArray(page) ? page : (page.items || []);
}

// What a list section shows: 'loading', 'failed', 'empty' or 'ready'. A
// failed load is never an empty list: showing "暂无…" under an error banner
// tells people there is nothing when we simply could not ask.
function listState(result, items) {
  if (!result) return 'loading';
  if (!result.ok) return 'failed';
  return (items || itemsOf(result.value)).length ? 'ready' : 'empty';
}

// The line a failed section shows in place of its "暂无…".
const LOAD_FAILED = '加载失败，下拉可重试';

// A picker's placeholder: "choose", "nothing to choose" or "could not load".
function pickerPlaceholder(state, emptyText, chooseText) {
  if (state === 'loading') return '加载中…';
  if (state === 'failed') return '加载失败，请返回重试';
  return state === 'empty' ? emptyText : (chooseText || '请选择');
}

// A form's problems beside its fields, the first one in a toast; true when
// there were any (the page then does not send).
function showProblems(page, problems) {
  page.setData({ errors: problems });
  const keys = Object.keys(problems);
  if (keys.length) wx.showToast({ title: problems[keys[0]], icon: 'none' });
  return keys.length > 0;
}

module.exports = { today, settle, itemsOf, listState, LOAD_FAILED, pickerPlaceholder, showProblems };
