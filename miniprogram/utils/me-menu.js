// The 我的 page's entries into the newer areas' subpackages (party learning,
// contests, grids, reports, households, mediation, 议事...), one line each,
// so adding an area touches only this list. `when(user)` decides who sees it
// (a role from /me's roles[], see utils/format.holds); leave it out for everyone.
const format = require('./format'); // eslint-disable-line no-unused-vars -- used by the entries' when()

const ENTRIES = [
  // { label: '聚沙讲堂', url: '/party/pages/courses/courses', when: (user) => format.holds(user, 'resident') },
  { label: '党员联户', url: '/households/pages/mine/mine' },
];

function entriesFor(user) {
  return ENTRIES.filter((entry) => !entry.when || (user && entry.when(user)))
    .map((entry) => ({ label: entry.label, url: entry.url, strong: !!entry.strong }));
}

module.exports = { ENTRIES, entriesFor };
