import { path } from '../api.js';
import { field, h, link, time } from '../dom.js';

/**
 * A package's story: what was received, who signed it, its quarantine, its notices and each
 * delivery, and the audit records about it. The query is whatever the admin has at hand: the
 * package's sha256 or a prefix of it, the gateway's notice id, or the partner's reference.
 */
export async function traceView(context, query) {
  const input = h('input', { type: 'search', name: 'query', value: query ?? '', required: true, size: 70,
    placeholder: 'sha256 (or 8+ hex characters), notice id or partner reference', 'aria-label': 'Package to trace' });
  const form = h('form', {
    id: 'trace-form', class: 'inline',
    onsubmit: event => {
      event.preventDefault();
      context.go('trace', input.value.trim());
    },
  }, field('Trace', input), h('button', { type: 'submit' }, 'Trace'));
  let result = null;
  if (query) {
    try {
      result = story(await context.api.get(path('trace', query)));
    } catch (e) {
      // Nothing found (or too short a prefix): the error says why, and the search box stays to try again.
      context.fail(e);
    }
  }
  return h('div', {}, h('h1', {}, 'Trace a package'), form, result);
}

function story(trace) {
  if (Array.isArray(trace?.candidates)) {
    return h('div', { id: 'trace-result' },
      h('p', {}, 'Several packages start with that prefix; pick one:'),
      h('ul', {}, trace.candidates.map(c => h('li', {}, link(c.sha256, 'trace', c.sha256), ' ', time(c.receivedAt), ' ', c.channel ?? '', ' ', c.claimedPartner ?? ''))));
  }
  const packages = Array.isArray(trace) ? trace : Array.isArray(trace?.packages) ? trace.packages : [trace];
  return h('div', { id: 'trace-result' }, packages.map(p => h('article', { class: 'package panel' },
    h('h2', {}, 'Package ', h('code', {}, p?.received?.sha256 ?? p?.sha256 ?? '')),
    value(p))));
}

/** Any JSON value, as nested definition lists; every string is shown as text. */
function value(v) {
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
    return h('ol', { class: 'story' }, v.map(item => h('li', {}, value(item))));
  }
  if (typeof v === 'object') {
    return h('dl', { class: 'facts' }, Object.entries(v).flatMap(([key, inner]) => [
      h('dt', {}, words(key)),
      h('dd', {}, /At$/.test(key) && typeof inner === 'string' ? time(inner) : value(inner)),
    ]));
  }
  return String(v);
}

/** contactPointId -> "contact point id" */
function words(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
