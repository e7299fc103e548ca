// The dashboards' shell: session and login, menu by role, filters kept in the address, pages.
import { getJson, postJson } from './api.js';
import { el, fmtDateTime } from './ui.js';
import { disposeAll } from './charts.js';
import lits from './pages/lits.js';
import stocks from './pages/stocks.js';
import finance from './pages/finance.js';
import patients from './pages/patients.js';
import pipeline from './pages/pipeline.js';

const PAGES = { lits, stocks, finance, patients, pipeline };
const state = { session: null, meta: null, rendering: 0 };

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function parseHash() {
  const [path, query] = (location.hash.replace(/^#\/?/, '') || '').split('?');
  return { page: path || '', params: Object.fromEntries(new URLSearchParams(query || '')) };
}

function setHash(page, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  const next = `#/${page}${query ? `?${query}` : ''}`;
  if (location.hash !== next) location.hash = next; else render();
}

function showError(error) {
  const banner = document.getElementById('page-error');
  banner.hidden = !error;
  banner.textContent = error ? `${error.message}${error.hint ? ` — ${error.hint}` : ''}` : '';
}

// The filter bar of a page: period (du, au), service, and the page's own filters.
function renderFilters(page, spec, params) {
  const form = document.getElementById('filters');
  form.replaceChildren();
  form.hidden = false;
  const field = (label, input) => el('label', {}, label, input);
  const apply = () => {
    const values = Object.fromEntries(new FormData(form).entries());
    setHash(page, values);
  };
  if (spec.period !== false) {
    if (spec.periodFrom !== false) {
      form.append(field('Du', el('input', { type: 'date', name: 'du', value: params.du || '', id: 'filtre-du' })));
    }
    form.append(field(spec.periodToLabel || 'Au', el('input', { type: 'date', name: 'au', value: params.au || '', id: 'filtre-au' })));
  }
  if (spec.service !== false) {
    const select = el('select', { name: 'service', id: 'filtre-service' }, el('option', { value: '' }, 'Tous les services'));
    for (const s of state.meta?.rows || []) {
      select.append(el('option', { value: s.code_service, selected: params.service === s.code_service }, `${s.nom_service} (${s.code_service})`));
    }
    form.append(field('Service', select));
  }
  for (const extra of spec.extra || []) {
    const select = el('select', { name: extra.name, id: `filtre-${extra.name}` }, el('option', { value: '' }, extra.all));
    for (const [value, label] of extra.choices) select.append(el('option', { value, selected: params[extra.name] === value }, label));
    form.append(field(extra.label, select));
  }
  for (const hidden of spec.keep || []) {
    if (params[hidden]) form.append(el('input', { type: 'hidden', name: hidden, value: params[hidden] }));
  }
  form.onchange = apply;
  form.onsubmit = (e) => { e.preventDefault(); apply(); };
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...(state.session.pages || []).map((name) =>
    el('a', { href: `#/${name}`, class: name === current ? 'active' : null, 'data-page': name }, PAGES[name].title)));
}

async function render() {
  const ticket = ++state.rendering;
  disposeAll();
  showError(null);
  const { page: asked, params } = parseHash();
  const allowed = state.session.pages || [];
  const page = allowed.includes(asked) ? asked : allowed[0];
  if (!page) { showError({ message: 'Aucune page n’est ouverte à votre rôle.' }); return; }
  const module = PAGES[page];
  // Default period from the reference date of the data.
  const reference = state.meta?.reference?.date_reference;
  if (reference && module.filters.defaultDays && !params.du && !params.au) {
    params.au = reference;
    params.du = addDays(reference, -(module.filters.defaultDays - 1));
  }
  renderNav(page);
  renderFilters(page, module.filters, params);
  document.title = `${module.title} — HealthFlow`;
  const container = document.getElementById('page');
  container.replaceChildren();
  document.body.dataset.page = page;
  document.body.dataset.ready = 'false';
  try {
    await module.render(container, params, { session: state.session, meta: state.meta, navigate: (p) => setHash(page, p) });
  } catch (error) {
    if (ticket === state.rendering) showError(error);
  }
  if (ticket === state.rendering) document.body.dataset.ready = 'true';
}

async function loadMeta(pending) {
  try {
    state.meta = await pending;
    const r = state.meta.reference || {};
    document.getElementById('freshness').textContent =
      `Données au ${fmtDateTime(r.instant_reference)} · actualisées le ${fmtDateTime(r.derniere_construction)}`;
  } catch (error) {
    state.meta = null;
    document.getElementById('freshness').textContent = 'Données indisponibles';
    if (error.status !== 403) showError(error);
  }
}

async function start() {
  // The metadata is asked for at once; it answers 401 when a login is needed, handled below.
  const meta = getJson('/api/meta');
  meta.catch(() => {});
  state.session = await getJson('/api/session');
  const login = document.getElementById('login');
  if (!state.session.connecte) {
    login.hidden = false;
    document.getElementById('filters').hidden = true;
    document.getElementById('login-form').onsubmit = async (e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(e.target).entries());
      try {
        await postJson('/api/login', data);
        location.reload();
      } catch (error) {
        document.getElementById('login-error').textContent = error.message;
      }
    };
    return;
  }
  login.hidden = true;
  document.getElementById('user').textContent = state.session.utilisateur
    ? `${state.session.utilisateur} (${state.session.role})` : `accès local (${state.session.role})`;
  const logout = document.getElementById('logout');
  logout.hidden = !state.session.login_requis;
  logout.onclick = async () => { await postJson('/api/logout', {}); location.hash = ''; location.reload(); };
  await loadMeta(meta);
  window.addEventListener('hashchange', render);
  await render();
}

start().catch(showError);
