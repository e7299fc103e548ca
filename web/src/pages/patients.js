// Historique patient: find a patient, see every version of the record (address, mutuelle) and the stays.
import { getJson } from '../api.js';
import { card, el, fmtDateTime, table } from '../ui.js';

export default {
  title: 'Historique patient',
  filters: { keep: ['q', 'patient_id', 'date'] },
  async render(container, params, app) {
    const identity = app.session.identite_visible;
    const input = el('input', { type: 'search', name: 'q', id: 'recherche-patient', value: params.q || '',
      placeholder: identity ? 'Nom, prénom ou numéro de patient' : 'Numéro de patient ou pseudonyme' });
    const dateInput = el('input', { type: 'date', name: 'date', id: 'date-version', value: params.date || '', title: 'Version en vigueur à la date' });
    const search = el('form', { class: 'search' }, input,
      el('label', { class: 'muted' }, 'Fiche au ', dateInput), el('button', { type: 'submit' }, 'Rechercher'));
    const base = { du: params.du, au: params.au, service: params.service };
    search.addEventListener('submit', (e) => { e.preventDefault(); app.navigate({ ...base, q: input.value, date: dateInput.value }); });
    dateInput.addEventListener('change', () => app.navigate({ ...base, q: input.value, patient_id: params.patient_id, date: dateInput.value }));
    container.append(card('Rechercher un patient', el('div', {},
      search, el('p', { class: 'muted' }, identity ? 'Identité visible (rôle admin).' : 'Historique pseudonymisé : nom, prénom, téléphone et e-mail masqués.')), { wide: true }));
    const grid = el('div', { class: 'grid' });
    container.append(grid);
    if (params.q) {
      const found = await getJson('/api/patients/recherche', { q: params.q });
      const columns = [{ key: 'patient_id', label: 'N°' }, { key: 'patient_pseudo', label: 'Pseudonyme' }];
      if (identity) columns.push({ key: 'nom', label: 'Nom' }, { key: 'prenom', label: 'Prénom' });
      columns.push({ key: 'date_naissance', label: 'Naissance' }, { key: 'adresse', label: 'Adresse actuelle' },
        { key: 'mutuelle', label: 'Mutuelle' }, { key: 'nb_versions', label: 'Versions', format: 'number' });
      grid.append(card('Patients trouvés', table(found.rows, columns, {
        empty: 'Aucun patient ne correspond.',
        onRowClick: (row) => app.navigate({ ...base, q: params.q, date: params.date, patient_id: row.patient_id }),
      }), { wide: true, id: 'table-patients', csv: { path: '/api/patients/recherche', params: { q: params.q } } }));
    }
    if (params.patient_id) {
      const [history, stays] = await Promise.all([
        getJson('/api/patients/historique', { patient_id: params.patient_id, date: params.date }),
        getJson('/api/patients/sejours', { patient_id: params.patient_id, ...base }),
      ]);
      const items = [...history.rows].reverse().map((v) => el('li', {
        class: [v.version_courante ? 'current' : '', v.en_vigueur_a_la_date ? 'at-date' : ''].join(' ').trim() || null,
        'data-version': v.numero_version,
      },
      el('div', { class: 'when' }, `Version ${v.numero_version} : du ${fmtDateTime(v.valide_du)} ${v.valide_au ? `au ${fmtDateTime(v.valide_au)}` : '(en cours)'}`),
      identity ? el('div', {}, `${v.prenom} ${v.nom} · ${v.telephone || '—'} · ${v.email || '—'}`) : null,
      el('div', {}, `Adresse : ${v.adresse || '—'}`), el('div', {}, `Mutuelle : ${v.mutuelle || '—'}`),
      v.en_vigueur_a_la_date ? el('div', { class: 'muted' }, `En vigueur le ${params.date}`) : null));
      grid.append(card(`Fiche du patient n° ${params.patient_id} : versions successives`, el('ol', { class: 'timeline', id: 'timeline' }, items),
        { csv: { path: '/api/patients/historique', params: { patient_id: params.patient_id, date: params.date } } }));
      grid.append(card('Séjours', table(stays.rows, [
        { key: 'date_entree', label: 'Entrée', format: 'datetime' }, { key: 'date_sortie', label: 'Sortie', format: 'datetime' },
        { key: 'nom_service', label: 'Service' }, { key: 'motif', label: 'Motif' },
        { key: 'duree_sejour', label: 'Durée (j)', format: 'number' }, { key: 'cout_total', label: 'Coût', format: 'money' },
        { key: 'statut', label: 'Statut' }, { key: 'mutuelle', label: 'Mutuelle au séjour' },
      ], { empty: 'Aucun séjour sur la période.' }), { id: 'table-sejours', csv: { path: '/api/patients/sejours', params: { patient_id: params.patient_id, ...base } } }));
    }
  },
};
