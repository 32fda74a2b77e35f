// The screen's colours, in one place: the browser test and Vitest check that
// every text colour keeps a contrast ratio of at least 4.5 on the background
// (WCAG 2.x AA for normal text), since the hall's display is read from afar.
export const BACKGROUND = '#0a1628'
export const PANEL = '#0f2139'
export const TEXT = '#e8f1fb'
export const MUTED = '#a9bdd3'
export const ACCENT = '#4fd1ff'
export const GOLD = '#ffc857'
export const GREEN = '#5be3a4'
export const MAP_AREA = '#17345a'
export const MAP_EDGE = '#3d79b8'
export const TEXT_COLOURS = { TEXT, MUTED, ACCENT, GOLD, GREEN }

function channel(value) {
  const c = value / 255
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** Relative luminance of '#rrggbb' or [r, g, b]. */
export function luminance(colour) {
  const [r, g, b] = Array.isArray(colour)
    ? colour
    : [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}
