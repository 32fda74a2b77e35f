const stars = require('../../utils/stars');

Component({
  properties: {
    hours: { type: Number, value: 0 },
    star: { type: Object, value: null },
  },
  data: { view: null },
  observers: {
    'hours, star'(hours, star) {
      this.setData({ view: stars.describe(hours, star) });
    },
  },
});
