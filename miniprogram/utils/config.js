// Where the mini-program finds its backend, per WeChat environment.
//
// develop: WeChat DevTools against ./scripts/dev on this machine (API on :5000,
// the local WeChat emulator on :9100). Tick 「不校验合法域名」 in DevTools
// (project.config.json already sets urlCheck=false), or the plain-http
// addresses are refused. To preview on a phone on the same Wi-Fi, replace
// 127.0.0.1 with this machine's LAN address.
//
// emulator: only in develop. Real WeChat's wx.login codes can only be exchanged
// by WeChat itself, and ./scripts/dev's backend talks to the emulator instead;
// so in develop the app asks the emulator for a login code for a demo person
// (the emulator's control API, exactly what the phone would get from wx.login)
// and mirrors each subscription acceptance there, as WeChat's servers would
// record it. Never set in trial or release: those use wx.login as is.
const ENVIRONMENTS = {
  develop: {
    apiBase: 'http://127.0.0.1:5000',
    emulator: { base: 'http://127.0.0.1:9100', openid: 'demo-resident' },
  },
  trial: {
    apiBase: 'https://jusha-api.xiasha.example',
    emulator: null,
  },
  release: {
    apiBase: 'https://jusha-api.xiasha.example',
    emulator: null,
  },
};

// People seeded by `flask jusha seed-demo`; the develop build can switch
// between them on the 「我的」 page to try every role.
const DEMO_PEOPLE = [
  { openid: 'demo-resident', name: '陈阿姨', role: '居民' },
  { openid: 'demo-resident-2', name: '刘大伯', role: '居民' },
  { openid: 'demo-volunteer', name: '张志愿', role: '志愿者' },
  { openid: 'demo-organiser-minghe', name: '铭和社区王书记', role: '组织者' },
  { openid: 'demo-organiser-ningmeng', name: '柠檬社区李主任', role: '组织者' },
  { openid: 'demo-admin', name: '街道管理员', role: '管理员' },
  { openid: 'demo-unit-contact', name: '下沙中学李老师', role: '共建单位联络人' },
  { openid: 'demo-unit-power', name: '下沙供电所赵师傅', role: '共建单位联络人' },
];

function currentEnvVersion(wxApi) {
  try {
    const info = wxApi && wxApi.getAccountInfoSync && wxApi.getAccountInfoSync();
    return (info && info.miniProgram && info.miniProgram.envVersion) || 'develop';
  } catch (e) {
    return 'develop';
  }
}

function configFor(envVersion) {
  const env = ENVIRONMENTS[envVersion] || ENVIRONMENTS.develop;
  return {
    envVersion: ENVIRONMENTS[envVersion] ? envVersion : 'develop',
    apiBase: env.apiBase,
    emulator: env.emulator,
    requestTimeout: 15000,
    demoPeople: env.emulator ? DEMO_PEOPLE : [],
  };
}

function load(wxApi) {
  return configFor(currentEnvVersion(wxApi));
}

module.exports = { ENVIRONMENTS, DEMO_PEOPLE, configFor, currentEnvVersion, load };
