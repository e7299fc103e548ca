// ECharts wrappers (the library is bundled into the binary and loaded as a global script).
const instances = new Map();

export const COLORS = { VERT: '#2e9e5b', ORANGE: '#e8912d', ROUGE: '#d64541', CRITIQUE: '#8e1b1b' };
export function bandColor(rate) {
  if (rate >= 95) return COLORS.CRITIQUE;
  if (rate >= 90) return COLORS.ROUGE;
  if (rate >= 85) return COLORS.ORANGE;
  return COLORS.VERT;
}

// Draws `option` into the element with id `id`, replacing a previous chart there.
export function draw(id, option) {
  const node = document.getElementById(id);
  if (!node) return null;
  const old = instances.get(id);
  if (old && !old.isDisposed()) old.dispose();
  const chart = window.echarts.init(node, null, { renderer: 'canvas' });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'DejaVu Sans, sans-serif' }, ...option });
  instances.set(id, chart);
  return chart;
}

// Disposes every chart (when leaving a page).
export function disposeAll() {
  for (const chart of instances.values()) if (!chart.isDisposed()) chart.dispose();
  instances.clear();
}

window.addEventListener('resize', () => { for (const chart of instances.values()) chart.resize(); });

// One gauge per service, laid out in a grid, with the 90 % threshold.
export function gauges(id, services) {
  const perRow = Math.min(4, Math.max(1, services.length));
  const rows = Math.ceil(services.length / perRow);
  const series = services.map((s, i) => {
    const col = i % perRow;
    const row = Math.floor(i / perRow);
    return {
      type: 'gauge', name: s.code_service, min: 0, max: 100, radius: `${Math.round(85 / rows)}%`,
      center: [`${(col + 0.5) * (100 / perRow)}%`, `${(row + 0.55) * (100 / rows)}%`],
      axisLine: { lineStyle: { width: 10, color: [[0.85, COLORS.VERT], [0.9, COLORS.ORANGE], [0.95, COLORS.ROUGE], [1, COLORS.CRITIQUE]] } },
      pointer: { width: 4 }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
      title: { fontSize: 12, offsetCenter: [0, '75%'] },
      detail: { fontSize: 14, formatter: '{value} %', offsetCenter: [0, '40%'] },
      data: [{ value: s.taux_occupation, name: s.nom_service }],
    };
  });
  return draw(id, { series });
}
