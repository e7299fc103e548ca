// Gestion des stocks: medications at or below threshold by criticality, stock-outs, top deficits, value to order.
import { getJson } from '../api.js';
import { card, chartBox, el, fmtMoney, fmtNumber, kpis, table } from '../ui.js';
import { COLORS, draw } from '../charts.js';

const LEVEL_COLORS = { RUPTURE: COLORS.CRITIQUE, URGENT: COLORS.ROUGE, ATTENTION: COLORS.ORANGE };
// Alerts shown in the table, most critical first (the CSV export gives them all).
const ALERT_ROWS = 100;

export default {
  title: 'Gestion des stocks',
  filters: {
    service: false,
    periodFrom: false,
    periodToLabel: 'Rupture prévue avant le',
    extra: [
      { name: 'niveau', label: 'Niveau', all: 'Tous les niveaux', choices: [['RUPTURE', 'Rupture'], ['URGENT', 'Urgent'], ['ATTENTION', 'Attention']] },
      { name: 'classe_ven', label: 'Classe VEN', all: 'Toutes les classes', choices: [['V', 'V (vital)'], ['E', 'E (essentiel)'], ['N', 'N (non essentiel)']] },
    ],
  },
  async render(container, params) {
    const filter = { au: params.au, niveau: params.niveau, classe_ven: params.classe_ven };
    const [alerts, deficits] = await Promise.all([
      getJson('/api/stocks/alertes', { ...filter, limite: ALERT_ROWS }), getJson('/api/stocks/deficits', { ...filter, limite: 10 }),
    ]);
    const s = alerts.synthese || {};
    container.append(kpis([
      { id: 'nb-alertes', label: 'Médicaments sous le seuil', value: fmtNumber(s.nb_alertes) },
      { id: 'nb-ruptures', label: 'Ruptures (stock 0)', value: fmtNumber(s.nb_ruptures) },
      { id: 'nb-urgents', label: 'Urgents (≤ moitié du seuil)', value: fmtNumber(s.nb_urgents) },
      { id: 'valeur', label: 'Valeur totale à commander', value: fmtMoney(s.valeur_totale_a_commander) },
    ]));
    const grid = el('div', { class: 'grid' });
    grid.append(card('Top 10 des déficits (seuil − stock)', chartBox('chart-deficits'), { csv: { path: '/api/stocks/deficits', params: { ...filter, limite: 10 } } }));
    const shown = (s.nb_alertes || 0) > alerts.rows.length
      ? el('p', { class: 'muted', id: 'alertes-partielles' }, `Les ${fmtNumber(alerts.rows.length)} plus critiques sur ${fmtNumber(s.nb_alertes)} ; l’export CSV les donne toutes.`)
      : null;
    grid.append(card('Médicaments à commander, par criticité', el('div', {}, shown, table(alerts.rows, [
      { key: 'nom_medicament', label: 'Médicament' }, { key: 'niveau', label: 'Niveau' }, { key: 'classe_ven', label: 'VEN' },
      { key: 'quantite', label: 'Stock', format: 'number' }, { key: 'seuil_alerte', label: 'Seuil', format: 'number' },
      { key: 'deficit', label: 'Déficit', format: 'number' }, { key: 'jours_couverture', label: 'Couverture (j)', format: 'number' },
      { key: 'date_rupture_prevue', label: 'Rupture prévue' }, { key: 'quantite_a_commander', label: 'À commander', format: 'number' },
      { key: 'valeur_a_commander', label: 'Valeur', format: 'money' },
    ], { empty: 'Aucun médicament sous son seuil avec ces filtres.' })), { wide: true, csv: { path: '/api/stocks/alertes', params: filter }, id: 'table-alertes' }));
    container.append(grid);
    const rows = [...deficits.rows].reverse();
    draw('chart-deficits', {
      tooltip: { trigger: 'axis' }, grid: { left: 150, right: 24, top: 10, bottom: 30 },
      xAxis: { type: 'value' }, yAxis: { type: 'category', data: rows.map((r) => r.nom_medicament) },
      series: [{ type: 'bar', name: 'Déficit', data: rows.map((r) => ({ value: r.deficit, itemStyle: { color: LEVEL_COLORS[r.niveau] } })) }],
    });
  },
};
