// The organiser's scans of residents' codes, kept on the phone until the
// server has answered them: the hall's network is often poor. Each scan gets
// a nonce made here and is stored at once (wx storage, per event) as 待同步;
// sync() uploads pending scans in batches (POST /events/{id}/checkins/batch),
// and the server applies each exactly once by its nonce, so uploading again
// after a lost answer, or after the mini-program was closed, adds nothing.
// Pure: storage and the upload are passed in, so Node tests drive it.
const KEY_PREFIX = 'jusha.offlineScans.';
const BATCH_SIZE = 50;
const KEEP_DONE = 200; // answered scans kept for the list; older ones dropped

function key(eventId) {
  return KEY_PREFIX + eventId;
}

// 32 hex characters: the time, then randomness (unique per phone and scan).
function makeNonce(now, random) {
  const rand = random || Math.random;
  let text = Math.floor(now).toString(16);
  while (text.length < 32) text += Math.floor(rand() * 16).toString(16);
  return text.slice(0, 32);
}

function load(storage, eventId) {
  try {
    const items = storage.getStorageSync(key(eventId));
    return Array.isArray(items) ? items : [];
  } catch (e) {
    return [];
  }
}

function save(storage, eventId, items) {
  const pending = items.filter((item) => item.state === 'pending');
  const answered = items.filter((item) => item.state !== 'pending').slice(-KEEP_DONE);
  const kept = answered.concat(pending).sort((a, b) => a.scannedAtMs - b.scannedAtMs);
  storage.setStorageSync(key(eventId), kept);
  return kept;
}

// A scan made now: stored before anything else happens, so closing the
// mini-program loses nothing. -> the stored item.
function add(storage, eventId, scan, now, random) {
  const at = now === undefined ? Date.now() : now;
  const item = {
    nonce: makeNonce(at, random),
    code: scan.code,
    direction: scan.direction || 'in',
    scannedAt: new Date(at).toISOString(),
    scannedAtMs: at,
    state: 'pending', // pending (待同步) | done | refused
    message: '待同步',
    personName: null,
    attempts: 0,
  };
  save(storage, eventId, load(storage, eventId).concat([item]));
  return item;
}

function summary(items) {
  return items.reduce((counts, item) => {
    counts[item.state] += 1;
    return counts;
  }, { pending: 0, done: 0, refused: 0 });
}

// Seconds to wait before the next try after `failures` failed uploads.
function retryDelayMs(failures) {
  return Math.min(60000, 2000 * Math.pow(2, Math.max(0, failures)));
}

function applyAnswers(items, answers) {
  const byNonce = {};
  answers.forEach((answer) => { byNonce[answer.nonce] = answer; });
  return items.map((item) => {
    const answer = byNonce[item.nonce];
    if (!answer || item.state !== 'pending') return item;
    const done = answer.status === 'recorded' || answer.status === 'already';
    return Object.assign({}, item, {
      state: done ? 'done' : 'refused',
      message: answer.message,
      code: item.code,
      personName: answer.person_name || item.personName,
      answerCode: answer.code,
    });
  });
}

// Upload pending scans, BATCH_SIZE at a time, until none is left or an upload
// fails. `upload(body)` returns a promise of the server's answer.
// -> promise of {uploaded, failed: bool, summary}
function sync(storage, eventId, upload) {
  let uploaded = 0;
  function next() {
    const items = load(storage, eventId);
    const batch = items.filter((item) => item.state === 'pending').slice(0, BATCH_SIZE);
    if (!batch.length) return Promise.resolve({ uploaded: uploaded, failed: false, summary: summary(items) });
    const body = {
      items: batch.map((item) => ({ nonce: item.nonce, code: item.code, direction: item.direction,
        scanned_at: item.scannedAt })),
    };
    return upload(body).then((answer) => {
      // Scans made while the upload was away are in storage now: read again.
      save(storage, eventId, applyAnswers(load(storage, eventId), answer.items || []));
      uploaded += batch.length;
      return next();
    }, () => {
      const now = load(storage, eventId).map((item) => (
        batch.some((b) => b.nonce === item.nonce) ? Object.assign({}, item, { attempts: item.attempts + 1 }) : item));
      save(storage, eventId, now);
      return { uploaded: uploaded, failed: true, summary: summary(now) };
    });
  }
  return next();
}

module.exports = { KEY_PREFIX, BATCH_SIZE, key, makeNonce, load, add, summary, retryDelayMs, applyAnswers, sync };
