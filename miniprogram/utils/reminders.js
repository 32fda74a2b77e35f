// The app-wide "remind me" helper over the real wx (pages require this).
const api = require('./api');
const subscribe = require('./subscribe');
const { createBridge } = require('./dev-bridge');

const bridge = createBridge({ wx: wx, config: api.config, openid: api.devOpenid });
let templatesPromise = null;

// Fetched ahead of the tap: WeChat only opens the dialog from a tap handler,
// so the ids must be at hand when it fires.
function templates() {
  if (!templatesPromise) {
    templatesPromise = api.call('subscriptions.templates', { silent: true }).catch((error) => {
      templatesPromise = null;
      throw error;
    });
  }
  return templatesPromise;
}

// names: template names to ask for, e.g. ['event_reminder', 'hours_credited'].
function ask(cached, names) {
  return subscribe.ask({ wx: wx, api: api, mirror: bridge.grantSubscriptions }, subscribe.pick(cached, names));
}

// Shows the outcome of ask() to the person.
function report(outcome) {
  if (!outcome) return;
  wx.showModal({ title: outcome.summary.accepted ? '提醒已开启' : '未开启提醒', content: outcome.summary.text, showCancel: false });
}

function reportFailure(error) {
  wx.showModal({ title: '未能开启提醒', content: (error && error.message) || '请稍后重试', showCancel: false });
}

module.exports = { templates, ask, report, reportFailure };
