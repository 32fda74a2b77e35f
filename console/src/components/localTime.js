// The API writes every time in Beijing time (2026-12-13T09:00:00+08:00), so
// a table shows the wall clock by cutting the text, with no time-zone maths.
export const minute = (iso) => (iso ? iso.slice(0, 16).replace('T', ' ') : '')
export const second = (iso) => (iso ? iso.slice(0, 19).replace('T', ' ') : '')
