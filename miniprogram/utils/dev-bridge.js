// Develop only: tell the local WeChat emulator what real WeChat would learn
// on the phone. When a person taps "allow" in the subscription dialog, WeChat's
// servers record one send for that template; the emulator stands in for those
// servers under ./scripts/dev, so the app records it there too. A no-op in
// trial and release (config.emulator is null there).
function createBridge(deps) {
  const wxApi = deps.wx;
  const config = deps.config;

  function post(path, data) {
    return new Promise((resolve) => {
      wxApi.request({
        url: config.emulator.base + path,
        method: 'POST',
        data: data,
        header: { 'content-type': 'application/json' },
        timeout: 5000,
        success: (res) => resolve(res.statusCode === 200),
        fail: () => resolve(false),
      });
    });
  }

  function grantSubscriptions(answers) {
    if (!config.emulator) return Promise.resolve(0);
    const openid = deps.openid();
    const accepted = (answers || []).filter((a) => a.answer === 'accept');
    return Promise.all(accepted.map((a) => post('/_emulator/subscriptions', { openid: openid, template_id: a.template_id })))
      .then((results) => results.filter(Boolean).length);
  }

  return { grantSubscriptions };
}

module.exports = { createBridge };
