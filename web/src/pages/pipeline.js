// Pipeline: recent runs, the task timeline (Gantt) of a run, test results, data freshness.
import { getJson, postJson } from '../api.js';
import { card, chartBox, el, fmtDateTime, fmtNumber, kpis, table } from '../ui.js';
import { draw } from '../charts.js';

const STATE_COLORS = { success: '#2e9e5b', failed: '#d64541', running: '#1f6feb', up_for_retry: '#e8912d', queued: '#8795a1', skipped: '#b7c1cb' };

// The scheduler hosted by the server (`healthflow serve --scheduler`), and its next run.
function schedulerKpi(p) {
  if (!p || !p.heberge) {
    return { id: 'planificateur', label: 'Planificateur', value: 'non hébergé', note: 'healthflow serve --scheduler' };
  }
  const next = p.prochaine_execution ? new Date(p.prochaine_execution).toLocaleString('fr-FR', { timeZone: p.fuseau }) : '—';
  return { id: 'planificateur', label: 'Prochaine exécution planifiée', value: next, note: `${p.cron} (${p.fuseau})` };
}

export default {
  title: 'Pipeline',
  filters: { defaultDays: 30, service: false, keep: ['run'] },
  async render(container, params, app) {
    const filter = { du: params.du, au: params.au };
    const [runs, freshness] = await Promise.all([getJson('/api/pipeline/runs', filter), getJson('/api/pipeline/fraicheur')]);
    const f = freshness.rows[0] || {};
    const last = runs.rows[0];
    container.append(kpis([
      { id: 'reference', label: 'Données au', value: fmtDateTime(f.instant_reference) },
      { id: 'extraction', label: 'Dernière extraction', value: fmtDateTime(f.derniere_extraction) },
      { id: 'construction', label: 'Dernière construction', value: fmtDateTime(f.derniere_construction) },
      { id: 'tests', label: 'Tests (dernière exécution)', value: last ? `${fmtNumber(last.tests_passed)} / ${fmtNumber(last.tests_total)}` : '—' },
      schedulerKpi(runs.planificateur),
    ]));
    if (app.session.lancement_pipeline) {
      const button = el('button', { type: 'button', id: 'lancer-run' }, 'Lancer une exécution');
      button.addEventListener('click', async () => {
        button.disabled = true;
        try { await postJson('/api/pipeline/runs', {}); app.navigate({ ...filter }); } catch (e) { alert(e.message); }
      });
      container.append(el('p', {}, button));
    }
    const grid = el('div', { class: 'grid' });
    const selected = params.run || last?.run_id;
    grid.append(card('Exécutions récentes', table(runs.rows, [
      { key: 'run_id', label: 'Exécution' }, { key: 'logical_date', label: 'Date logique' }, { key: 'trigger', label: 'Déclenchement' },
      { key: 'state', label: 'État' }, { key: 'started_at', label: 'Début', format: 'datetime' },
      { key: 'duree_secondes', label: 'Durée (s)', format: 'number' },
      { key: 'taches_reussies', label: 'Tâches OK', format: (v, r) => `${v} / ${r.taches_total}` },
      { key: 'tests_passed', label: 'Tests', format: (v, r) => (v == null ? '—' : `${v} / ${r.tests_total}`) },
      { key: 'records_processed', label: 'Lignes traitées', format: 'number' },
    ], { empty: 'Aucune exécution enregistrée sur la période.', onRowClick: (row) => app.navigate({ ...filter, run: row.run_id }) }),
    { wide: true, id: 'table-runs', csv: { path: '/api/pipeline/runs', params: filter } }));
    grid.append(card('Résultats des tests par exécution', chartBox('chart-tests', true)));
    container.append(grid);
    const ordered = [...runs.rows].reverse();
    draw('chart-tests', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: ordered.map((r) => r.logical_date || r.run_id) }, yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: 'réussis', stack: 't', itemStyle: { color: '#2e9e5b' }, data: ordered.map((r) => r.tests_passed) },
        { type: 'bar', name: 'échoués', stack: 't', itemStyle: { color: '#d64541' }, data: ordered.map((r) => (r.tests_total ?? 0) - (r.tests_passed ?? 0)) },
      ],
    });
    if (!selected) return;
    const run = await getJson(`/api/pipeline/runs/${encodeURIComponent(selected)}`);
    grid.append(card(`Chronologie des tâches : ${run.run_id}`, chartBox('chart-gantt'), { wide: true, csv: { path: `/api/pipeline/runs/${encodeURIComponent(selected)}`, params: {} } }));
    grid.append(card('Tâches', table(run.rows, [
      { key: 'task_id', label: 'Tâche' }, { key: 'state', label: 'État' }, { key: 'attempts', label: 'Essais', format: 'number' },
      { key: 'duree_secondes', label: 'Durée (s)', format: 'number' }, { key: 'rows_in', label: 'Lignes lues', format: 'number' },
      { key: 'rows_out', label: 'Lignes écrites', format: 'number' }, { key: 'error', label: 'Erreur' },
    ]), { wide: true, id: 'table-taches' }));
    const tasks = run.rows.filter((t) => t.started_at);
    const t0 = Math.min(...tasks.map((t) => Date.parse(t.started_at)));
    draw('chart-gantt', {
      tooltip: { formatter: (p) => `${p.name} : ${p.data.value[3]} (${p.data.value[2] - p.data.value[1]} s)` },
      grid: { left: 140, right: 24, top: 16, bottom: 40 },
      xAxis: { type: 'value', name: 's', min: 0 }, yAxis: { type: 'category', data: tasks.map((t) => t.task_id), inverse: true },
      series: [{
        type: 'custom',
        renderItem: (paramsItem, api) => {
          const start = api.coord([api.value(1), api.value(0)]);
          const end = api.coord([api.value(2), api.value(0)]);
          const height = api.size([0, 1])[1] * 0.6;
          return { type: 'rect', shape: { x: start[0], y: start[1] - height / 2, width: Math.max(2, end[0] - start[0]), height },
            style: { fill: STATE_COLORS[tasks[paramsItem.dataIndex].state] || '#8795a1' } };
        },
        encode: { x: [1, 2], y: 0 },
        data: tasks.map((t, i) => {
          const s = (Date.parse(t.started_at) - t0) / 1000;
          const e = t.ended_at ? (Date.parse(t.ended_at) - t0) / 1000 : s + (t.duree_secondes || 0);
          return { name: t.task_id, value: [i, s, e, t.state] };
        }),
      }],
    });
  },
};
