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

module.exports = { today, settle, itemsOf };
