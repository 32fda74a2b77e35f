// 关怀模式 (care mode), after WeChat's 适老化 design guide: text follows the
// user's WeChat font size (wx.getAppBaseInfo().fontSizeSetting, in px) and
// a large-text switch in 我的; pages write font sizes in rem and start with
// <page-meta root-font-size="{{ui.rootFontSize}}">, and app.js gives every
// page its `ui` (scripts/miniprogram_care_mode.py keeps pages in line).
const STORAGE_KEY = 'jusha.largeText';
const STANDARD_PX = 16; // Android's standard size (iOS: 17)
const LARGE_TEXT_PX = 22; // WeChat's own 关怀模式 is about 22-24 px
const MIN_PX = 14;
const MAX_PX = 32;

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

// The user's WeChat font size in px (the standard size when it cannot be read).
function systemFontSize(wxApi) {
  try {
    const info = typeof wxApi.getAppBaseInfo === 'function' ? wxApi.getAppBaseInfo() : wxApi.getSystemInfoSync();
    const px = Number(info && info.fontSizeSetting);
    return px > 0 ? px : STANDARD_PX;
  } catch (e) {
    return STANDARD_PX;
  }
}

// The page's root font size in px: WeChat's setting, and with the large-text
// switch on at least LARGE_TEXT_PX and a quarter larger than WeChat's.
function rootFontPx(systemPx, largeText) {
  const base = clamp(Number(systemPx) || STANDARD_PX, MIN_PX, MAX_PX);
  const size = largeText ? Math.max(LARGE_TEXT_PX, base * 1.25) : base;
  return Math.round(clamp(size, MIN_PX, MAX_PX) * 10) / 10;
}

// What a page binds: its root font size, and whether to lay out for large
// text (one column, the main action first, no side-by-side buttons).
function uiFor(systemPx, largeText) {
  const px = rootFontPx(systemPx, largeText);
  return { rootFontSize: px + 'px', care: px >= LARGE_TEXT_PX, largeText: !!largeText };
}

function largeTextOn(wxApi) {
  try {
    return wxApi.getStorageSync(STORAGE_KEY) === true;
  } catch (e) {
    return false;
  }
}

function currentUi(wxApi) {
  return uiFor(systemFontSize(wxApi), largeTextOn(wxApi));
}

function setLargeText(wxApi, on) {
  wxApi.setStorageSync(STORAGE_KEY, !!on);
  return currentUi(wxApi);
}

// Columns for a grid of tiles (home page shortcuts, statistics): fewer as text grows.
function columnsFor(ui, normal) {
  if (!ui || !ui.care) return normal;
  return Math.max(1, Math.floor(normal / 2));
}

// A Page definition that keeps `ui` current: set before the first render,
// and again on every show (the switch in 我的, or WeChat's font size changed
// while the page was in the background).
function withCare(definition, wxApi) {
  const onLoad = definition.onLoad;
  const onShow = definition.onShow;
  const initial = currentUi(wxApi);
  return Object.assign({}, definition, {
    data: Object.assign({ ui: initial }, definition.data || {}),
    onLoad(options) {
      const ui = currentUi(wxApi);
      if (!this.data.ui || this.data.ui.rootFontSize !== ui.rootFontSize) this.setData({ ui: ui });
      if (onLoad) return onLoad.call(this, options);
      return undefined;
    },
    onShow() {
      const ui = currentUi(wxApi);
      if (!this.data.ui || this.data.ui.rootFontSize !== ui.rootFontSize || this.data.ui.care !== ui.care) {
        this.setData({ ui: ui });
      }
      if (onShow) return onShow.apply(this, arguments);
      return undefined;
    },
  });
}

module.exports = {
  STORAGE_KEY, STANDARD_PX, LARGE_TEXT_PX, systemFontSize, rootFontPx, uiFor, currentUi, setLargeText, columnsFor,
  withCare,
};
