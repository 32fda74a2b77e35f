const eventView = require('../../utils/event-view');

Component({
  properties: {
    event: { type: Object, value: null },
  },
  data: { view: null },
  observers: {
    event(event) {
      this.setData({ view: eventView.card(event) });
    },
  },
  methods: {
    open() {
      if (this.data.view) wx.navigateTo({ url: '/pages/event/detail?id=' + this.data.view.id });
    },
  },
});
