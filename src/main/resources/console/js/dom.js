// Builds elements from data without ever parsing it as HTML: partner-supplied subjects, file names
// and messages end up as text nodes, so they cannot inject markup or script.

/**
 * h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child) -> element.
 * Strings and numbers become text nodes; null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'href' && !String(value).startsWith('#')) {
      throw new Error('only in-console links are built from data');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A link inside the console: the path segments are encoded, so an id cannot change the route. */
export function link(text, ...segments) {
  return h('a', { href: '#/' + segments.map(encodeURIComponent).join('/') }, text);
}

/**
 * A table: columns are {label, cell: row -> string | Node}; empty says what an empty list means.
 */
export function table(columns, rows, empty) {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column.label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(column => h('td', {}, column.cell(row)))))));
}

/** A definition list of [label, value] pairs; values that are null or undefined show as a dash. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([label, value]) => [
    h('dt', {}, label),
    h('dd', {}, value === null || value === undefined || value === '' ? '—' : value),
  ]));
}

/** Shows an ISO-8601 instant as UTC to the minute, the way the CLI prints times. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** A labelled text input for forms. */
export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/** Any JSON value, as nested definition lists; every string is shown as text. */
export function tree(v) {
  if (v === null || v === undefined || v === '') {
    return '—';
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      return 'none';
    }
    if (v.every(item => item === null || typeof item !== 'object')) {
      return v.join(', ');
    }
    return h('ol', { class: 'story' }, v.map(item => h('li', {}, tree(item))));
  }
  if (typeof v === 'object') {
    return h('dl', { class: 'facts' }, Object.entries(v).flatMap(([key, inner]) => [
      h('dt', {}, words(key)),
      h('dd', {}, /At$/.test(key) && typeof inner === 'string' ? time(inner) : tree(inner)),
    ]));
  }
  return String(v);
}

/** contactPointId -> "contact point id" */
function words(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
