// 我的单位: a unit contact's own member unit — its profile, this year's
// projects with their progress (read-only on the phone) and its resources.
const api = require('../../utils/api');
const pageData = require('../../utils/page-data');
const unitView = require('../../utils/unit-view');

Page({
  data: {
    allowed: true,
    units: [],
    unitIndex: 0,
    unit: null,
    year: new Date().getFullYear(),
    projects: [],
    resources: [],
    projectsState: 'loading',
    resourcesState: 'loading',
    loadError: '',
    failedText: pageData.LOAD_FAILED,
  },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  load() {
    return getApp().loadUser().then((user) => {
      const ids = unitView.unitIds(user);
      if (!ids.length) {
        this.setData({ allowed: false });
        return null;
      }
      this.setData({ allowed: true, units: ids });
      return this.loadUnit(ids[Math.min(this.data.unitIndex, ids.length - 1)]);
    }).catch((error) => this.setData({ loadError: error.message }));
  },

  loadUnit(id) {
    const query = { unit_id: id, limit: 50 };
    return pageData.settle([
      api.call('units.get', { params: { id: id }, silent: true }),
      api.call('projects.list', { query: Object.assign({ year: this.data.year }, query), silent: true }),
      api.call('resources.list', { query: query, silent: true }),
    ]).then(([unit, projects, resources]) => {
      const projectItems = projects.ok ? pageData.itemsOf(projects.value).map(unitView.project) : [];
      const resourceItems = resources.ok ? pageData.itemsOf(resources.value).map(unitView.resource) : [];
      this.setData({
        unit: unit.ok ? unitView.profile(unit.value) : null,
        loadError: unit.ok ? '' : unit.error.message,
        projects: projectItems,
        resources: resourceItems,
        projectsState: pageData.listState(projects, projectItems),
        resourcesState: pageData.listState(resources, resourceItems),
      });
    });
  },

  // A contact of several units switches between them.
  nextUnit() {
    const next = (this.data.unitIndex + 1) % this.data.units.length;
    this.setData({ unitIndex: next });
    this.loadUnit(this.data.units[next]);
  },
});
