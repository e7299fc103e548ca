// Pilotage des lits: occupancy now (KPI, gauges), daily occupancy per service, critical services.
import { getJson } from '../api.js';
import { card, chartBox, el, fmtNumber, fmtPct, kpis, table } from '../ui.js';
import { COLORS, draw, gauges } from '../charts.js';

export default {
  title: 'Pilotage des lits',
  filters: { defaultDays: 30 },
  async render(container, params) {
    const filter = { du: params.du, au: params.au, service: params.service };
    const [now, history, critical] = await Promise.all([
      getJson('/api/lits/occupation', filter), getJson('/api/lits/historique', filter), getJson('/api/lits/critiques', filter),
    ]);
    const s = now.synthese || {};
    container.append(kpis([
      { id: 'taux-actuel', label: 'Occupation actuelle', value: fmtPct(s.taux_occupation), note: 'instantanée : patients présents / lits' },
      { id: 'taux-periode', label: 'Occupation sur la période', value: fmtPct(s.taux_periode), note: `${now.periode.du} → ${now.periode.au} (à minuit)` },
      { id: 'lits-libres', label: 'Lits libres', value: `${fmtNumber(s.lits_libres)} / ${fmtNumber(s.capacite_lits)}` },
      { id: 'critiques', label: 'Services ≥ 90 %', value: fmtNumber(s.nb_services_critiques) },
    ]));
    const grid = el('div', { class: 'grid' });
    grid.append(card('Occupation par service (seuil 90 %)', chartBox('chart-jauges'), { wide: true }));
    grid.append(card('Taux d’occupation journalier par service', chartBox('chart-historique'), { wide: true, csv: { path: '/api/lits/historique', params: filter } }));
    grid.append(card('Services critiques (≥ 90 %) et lits libres', table(critical.rows, [
      { key: 'nom_service', label: 'Service' }, { key: 'taux_occupation', label: 'Occupation', format: 'pct' },
      { key: 'lits_occupes', label: 'Occupés', format: 'number' }, { key: 'lits_libres', label: 'Libres', format: 'number' },
      { key: 'bande', label: 'Niveau' },
    ], { empty: 'Aucun service au-dessus de 90 %.' }), { csv: { path: '/api/lits/critiques', params: filter }, id: 'table-critiques' }));
    grid.append(card('Occupation actuelle par service', table(now.rows, [
      { key: 'nom_service', label: 'Service' }, { key: 'capacite_lits', label: 'Lits', format: 'number' },
      { key: 'lits_occupes', label: 'Occupés', format: 'number' }, { key: 'lits_libres', label: 'Libres', format: 'number' },
      { key: 'taux_occupation', label: 'Actuel', format: 'pct' }, { key: 'taux_7j', label: '7 j', format: 'pct' },
      { key: 'taux_30j', label: '30 j', format: 'pct' }, { key: 'bande', label: 'Niveau' },
    ]), { csv: { path: '/api/lits/occupation', params: filter }, id: 'table-occupation' }));
    container.append(grid);

    gauges('chart-jauges', now.rows);
    const dates = [...new Set(history.rows.map((r) => r.date))];
    const services = [...new Set(history.rows.map((r) => r.nom_service))];
    draw('chart-historique', {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} %` },
      legend: { top: 0 }, grid: { left: 48, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', min: 0, max: 110, axisLabel: { formatter: '{value} %' } },
      series: services.map((name, i) => ({
        type: 'line', name, showSymbol: false,
        data: dates.map((d) => history.rows.find((r) => r.date === d && r.nom_service === name)?.taux_occupation ?? null),
        markLine: i === 0 ? { silent: true, symbol: 'none', lineStyle: { color: COLORS.ROUGE, type: 'dashed' },
          data: [{ yAxis: 90, label: { formatter: 'seuil 90 %' } }] } : undefined,
      })),
    });
  },
};
