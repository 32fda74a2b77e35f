// The yearly report (GET /units/{id}/report) as the cards the console shows, and the ranking's chart.

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`)

export function reportCards(report) {
  const d = report.duties || {}
  const w = report.whistles || {}
  const p = report.projects || {}
  return [
    { label: '接单', value: d.accepted ?? 0, hint: '本年度接受的履职任务' },
    { label: '办结', value: d.done ?? 0, hint: `按时 ${d.on_time ?? 0} 件（${percent(d.on_time_rate)}）` },
    { label: '群众评价', value: d.average_rating === null || d.average_rating === undefined ? '—' : `${d.average_rating.toFixed(1)} 星`, hint: `${d.rated ?? 0} 件已评价` },
    { label: '吹哨报到', value: `${w.reported ?? 0} / ${w.addressed ?? 0}`, hint: `报到率 ${percent(w.response_rate)}${w.average_response_minutes != null ? `，平均 ${w.average_response_minutes} 分钟` : ''}` },
    { label: '项目', value: `${p.done ?? 0} / ${p.total ?? 0}`, hint: `必选 ${p.mandatory ?? 0}，自选 ${p.optional ?? 0}` },
    { label: '承办活动', value: report.events_hosted ?? 0, hint: '本年度举办的活动' },
    { label: '志愿服务时长', value: `${report.volunteer_hours ?? 0} 小时`, hint: '本单位人员' },
    { label: '综合积分', value: report.points ?? 0, hint: '用于年度排名' },
  ]
}

/** The ECharts option of the ranking: the top `limit` units as horizontal bars, first at the top. */
export function rankingChart(rows, limit = 20) {
  const top = (rows || []).slice(0, limit).reverse()
  return {
    grid: { left: 200, right: 40, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: '积分' },
    yAxis: { type: 'category', data: top.map((r) => r.unit.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ type: 'bar', data: top.map((r) => r.points), itemStyle: { color: '#c8102e' }, label: { show: true, position: 'right' } }],
  }
}
