// Analyse financière: cost per patient, cost per service (drill-down to motifs), monthly trend, DMS per service.
import { getJson } from '../api.js';
import { card, chartBox, el, fmtMoney, fmtNumber, kpis, table } from '../ui.js';
import { COLORS, draw } from '../charts.js';

export default {
  title: 'Analyse financière',
  filters: { defaultDays: 365, keep: ['detail'] },
  async render(container, params, app) {
    const filter = { du: params.du, au: params.au, service: params.service };
    const [costs, trend, dms] = await Promise.all([
      getJson('/api/finance/couts', filter), getJson('/api/finance/tendance', filter), getJson('/api/finance/dms', filter),
    ]);
    const s = costs.synthese || {};
    const d = dms.synthese || {};
    container.append(kpis([
      { id: 'cout-patient', label: 'Coût moyen par patient', value: fmtMoney(s.cout_moyen_patient), note: `${fmtNumber(s.nb_patients)} patients` },
      { id: 'cout-sejour', label: 'Coût moyen par séjour', value: fmtMoney(s.cout_moyen_sejour), note: `${fmtNumber(s.nb_sejours)} séjours` },
      { id: 'cout-total', label: 'Coût total', value: fmtMoney(s.cout_total) },
      { id: 'dms', label: 'DMS (hospitalisation complète)', value: `${fmtNumber(d.dms_globale)} j`, note: `${fmtNumber(d.dms_avec_ambulatoire)} j avec l’ambulatoire` },
      { id: 'en-cours', label: 'Séjours en cours', value: fmtNumber(d.nb_sejours_en_cours) },
    ]));
    const detail = params.detail || params.service || '';
    const grid = el('div', { class: 'grid' });
    grid.append(card('Coût total par service (cliquez pour le détail par motif)', chartBox('chart-couts'), { csv: { path: '/api/finance/couts', params: filter } }));
    grid.append(card('Évolution mensuelle des coûts', chartBox('chart-tendance'), { csv: { path: '/api/finance/tendance', params: filter } }));
    grid.append(card('DMS par service et écart à la moyenne', chartBox('chart-dms'), { csv: { path: '/api/finance/dms', params: filter } }));
    grid.append(card('DMS par service', table(dms.rows, [
      { key: 'nom_service', label: 'Service' }, { key: 'nb_sejours_termines', label: 'Séjours terminés', format: 'number' },
      { key: 'dms_jours', label: 'DMS (j)', format: 'number' }, { key: 'dms_avec_ambulatoire', label: 'Avec ambulatoire (j)', format: 'number' },
      { key: 'ecart_jours', label: 'Écart (j)', format: 'number' }, { key: 'ecart_pct', label: 'Écart', format: 'pct' },
    ]), { id: 'table-dms' }));
    grid.append(card('Coûts par service', table(costs.rows, [
      { key: 'nom_service', label: 'Service' }, { key: 'nb_sejours', label: 'Séjours', format: 'number' },
      { key: 'cout_total', label: 'Coût total', format: 'money' }, { key: 'cout_moyen_sejour', label: 'Coût moyen', format: 'money' },
    ], { onRowClick: (row) => app.navigate({ ...filter, detail: row.code_service }) }), { id: 'table-couts', csv: { path: '/api/finance/couts', params: filter } }));
    if (detail) {
      const motifs = await getJson('/api/finance/motifs', { du: params.du, au: params.au, service: detail });
      grid.append(card(`Détail par motif : ${detail}`, table(motifs.rows, [
        { key: 'motif', label: 'Motif' }, { key: 'nb_sejours', label: 'Séjours', format: 'number' },
        { key: 'cout_total', label: 'Coût total', format: 'money' }, { key: 'cout_moyen_sejour', label: 'Coût moyen', format: 'money' },
      ]), { id: 'table-motifs', csv: { path: '/api/finance/motifs', params: { du: params.du, au: params.au, service: detail } } }));
    }
    container.append(grid);

    const bars = draw('chart-couts', {
      tooltip: { trigger: 'axis' }, grid: { left: 70, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: costs.rows.map((r) => r.code_service) },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => `${v / 1000} k€` } },
      series: [{ type: 'bar', name: 'Coût total', data: costs.rows.map((r) => r.cout_total), itemStyle: { color: '#1f6feb' } }],
    });
    bars?.on('click', (e) => app.navigate({ ...filter, detail: e.name }));
    draw('chart-tendance', {
      tooltip: { trigger: 'axis' }, grid: { left: 70, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: trend.rows.map((r) => String(r.mois).slice(0, 7)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => `${v / 1000} k€` } },
      series: [{ type: 'line', name: 'Coût total', data: trend.rows.map((r) => r.cout_total), areaStyle: { opacity: 0.1 } }],
    });
    draw('chart-dms', {
      tooltip: { trigger: 'axis' }, grid: { left: 48, right: 16, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: dms.rows.map((r) => r.code_service) },
      yAxis: { type: 'value', name: 'jours' },
      series: [{
        type: 'bar', name: 'DMS',
        data: dms.rows.map((r) => ({ value: r.dms_jours, itemStyle: { color: r.ecart_jours > 0 ? COLORS.ORANGE : COLORS.VERT } })),
        markLine: d.dms_globale == null ? undefined : { symbol: 'none', lineStyle: { type: 'dashed' }, data: [{ yAxis: d.dms_globale, label: { formatter: `moyenne ${d.dms_globale} j` } }] },
      }],
    });
  },
};
