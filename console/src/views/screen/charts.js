// ECharts options for the screen's charts: plain functions of the state, so
// each redraw is a setOption on the same chart (never a new chart).
import { ACCENT, GOLD, GREEN, MAP_AREA, MAP_EDGE, MUTED, TEXT } from './palette'

const AXIS = { axisLine: { lineStyle: { color: MUTED } }, axisLabel: { color: TEXT, fontSize: 16 }, splitLine: { show: false } }
const LEGEND = { textStyle: { color: TEXT, fontSize: 16 }, top: 0, right: 0 }

/** Today's and this month's check-ins per community (horizontal bars). */
export function checkinsOption(communities) {
  const names = communities.map((c) => c.name)
  return {
    animationDurationUpdate: 500,
    grid: { left: 96, right: 56, top: 36, bottom: 8 },
    legend: { ...LEGEND, data: ['今日', '本月'] },
    xAxis: { type: 'value', ...AXIS, axisLabel: { show: false } },
    yAxis: { type: 'category', data: names, inverse: true, ...AXIS },
    series: [
      { name: '今日', type: 'bar', data: communities.map((c) => c.checkins_today), barWidth: 12,
        itemStyle: { color: ACCENT }, label: { show: true, position: 'right', color: TEXT, fontSize: 15 } },
      { name: '本月', type: 'bar', data: communities.map((c) => c.checkins_month), barWidth: 12,
        itemStyle: { color: GOLD }, label: { show: true, position: 'right', color: TEXT, fontSize: 15 } },
    ],
  }
}

/** The top squads by hours this year. */
export function squadsOption(squads) {
  return {
    animationDurationUpdate: 500,
    grid: { left: 180, right: 72, top: 8, bottom: 8 },
    xAxis: { type: 'value', ...AXIS, axisLabel: { show: false } },
    yAxis: { type: 'category', data: squads.map((s) => s.name), inverse: true, ...AXIS },
    series: [{ type: 'bar', data: squads.map((s) => s.hours), barWidth: 16, itemStyle: { color: GREEN },
      label: { show: true, position: 'right', color: TEXT, fontSize: 15, formatter: '{c} 时' } }],
  }
}

/**
 * A schematic outline of 下沙 around the communities (no map tiles: the hall
 * has no Internet), as GeoJSON for echarts.registerMap. Coordinates GCJ-02.
 */
export const XIASHA_OUTLINE = {
  type: 'FeatureCollection',
  features: [{
    type: 'Feature',
    properties: { name: '下沙街道' },
    geometry: {
      type: 'Polygon',
      coordinates: [[
        [120.318, 30.326], [120.338, 30.331], [120.356, 30.329], [120.372, 30.318], [120.374, 30.300],
        [120.366, 30.282], [120.350, 30.276], [120.332, 30.282], [120.322, 30.295], [120.316, 30.312],
        [120.318, 30.326],
      ]],
    },
  }],
}

/** The map: each community's office (sized by today's check-ins) and today's events. */
export function mapOption(communities, events) {
  const placed = communities.filter((c) => c.latitude != null && c.longitude != null)
  const eventPoints = events.filter((e) => e.latitude != null && e.longitude != null)
  return {
    geo: {
      map: 'xiasha',
      roam: false,
      layoutCenter: ['50%', '52%'],
      layoutSize: '95%',
      itemStyle: { areaColor: MAP_AREA, borderColor: MAP_EDGE, borderWidth: 2 },
      emphasis: { disabled: true },
      label: { show: false },
      silent: true,
    },
    series: [
      {
        // Plain scatter, not effectScatter: a ripple redrawn 60 times a second all day costs the hall PC for nothing.
        name: '社区',
        type: 'scatter',
        coordinateSystem: 'geo',
        data: placed.map((c) => ({ name: c.name, value: [c.longitude, c.latitude, c.checkins_today] })),
        symbolSize: (value) => 16 + Math.min(24, Math.sqrt(value[2]) * 3),
        itemStyle: { color: ACCENT, borderColor: TEXT, borderWidth: 2 },
        label: { show: true, position: 'top', distance: 8, color: TEXT, fontSize: 20, lineHeight: 26, align: 'center',
          formatter: (p) => `${p.name}\n{n|${p.value[2]} 人次}`, rich: { n: { color: ACCENT, fontSize: 18 } } },
        zlevel: 2,
      },
      {
        // Titles are in the list beside the map; here only where each event is.
        name: '今日活动',
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'pin',
        symbolSize: 30,
        data: eventPoints.map((e) => ({ name: e.title, value: [e.longitude, e.latitude, e.checked_in] })),
        itemStyle: { color: GOLD },
        zlevel: 1,
      },
    ],
  }
}
