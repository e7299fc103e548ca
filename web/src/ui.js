// Small DOM helpers shared by the pages: cards, KPI tiles, tables with CSV export, formats.
import { csvUrl } from './api.js';

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });

export function fmtNumber(v) { return v === null || v === undefined ? '—' : numberFormat.format(v); }
export function fmtMoney(v) { return v === null || v === undefined ? '—' : moneyFormat.format(v); }
export function fmtPct(v) { return v === null || v === undefined ? '—' : `${numberFormat.format(v)} %`; }
export function fmtDateTime(v) { return v ? String(v).replace('T', ' ').slice(0, 16) : '—'; }

// Creates an element with attributes and children (strings become text nodes).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A row of KPI tiles: [{label, value, note}].
export function kpis(items) {
  return el('div', { class: 'kpis' }, items.map((k) =>
    el('div', { class: 'kpi', 'data-kpi': k.id || null },
      el('div', { class: 'label' }, k.label), el('div', { class: 'value' }, k.value),
      k.note ? el('div', { class: 'note' }, k.note) : null)));
}

// A titled card; `csv` = {path, params} adds the CSV export link of the table it shows.
export function card(title, body, { wide = false, csv = null, id = null } = {}) {
  const heading = el('h2', {}, el('span', {}, title));
  if (csv) {
    heading.append(el('a', { class: 'csv', href: csvUrl(csv.path, csv.params), download: '' }, 'Exporter CSV'));
  }
  return el('section', { class: wide ? 'card wide' : 'card', id }, heading, body);
}

// A div that will hold a chart.
export function chartBox(id, small = false) {
  return el('div', { class: small ? 'chart small' : 'chart', id, role: 'img' });
}

const TAG_COLUMNS = new Set(['bande', 'niveau', 'state']);

// A table of API rows; `columns` = [{key, label, format: 'number'|'money'|'pct'|'datetime'|fn}].
export function table(rows, columns, { onRowClick = null, empty = 'Aucune ligne.' } = {}) {
  if (!rows.length) return el('p', { class: 'muted' }, empty);
  const head = el('tr', {}, columns.map((c) => el('th', {}, c.label)));
  const body = rows.map((row) => {
    const cells = columns.map((c) => {
      const v = row[c.key];
      let text = v;
      let numeric = false;
      if (typeof c.format === 'function') text = c.format(v, row);
      else if (c.format === 'number') { text = fmtNumber(v); numeric = true; }
      else if (c.format === 'money') { text = fmtMoney(v); numeric = true; }
      else if (c.format === 'pct') { text = fmtPct(v); numeric = true; }
      else if (c.format === 'datetime') text = fmtDateTime(v);
      else if (v === null || v === undefined) text = '—';
      if (TAG_COLUMNS.has(c.key) && v) return el('td', {}, el('span', { class: `tag ${v}` }, String(v)));
      if (typeof v === 'boolean') text = v ? 'oui' : 'non';
      return el('td', { class: numeric ? 'num' : null }, text);
    });
    const tr = el('tr', { class: onRowClick ? 'clickable' : null }, cells);
    if (onRowClick) tr.addEventListener('click', () => onRowClick(row, tr));
    return tr;
  });
  return el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, head), el('tbody', {}, body)));
}
