// The app-wide client, built once over the real `wx`. Pages require this;
// tests build their own with createClient and a mocked wx.
const { createClient } = require('./request');
const config = require('./config');

module.exports = createClient({ wx: wx, config: config.load(wx) });
