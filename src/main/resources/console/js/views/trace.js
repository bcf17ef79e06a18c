import { path } from '../api.js';
import { field, h, tree } from '../dom.js';

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

/** The trace's packages (several when a partner's reference has several versions), each as nested facts. */
function story(trace) {
  const packages = Array.isArray(trace?.packages) ? trace.packages : [trace];
  return h('div', { id: 'trace-result' }, packages.map(p => h('article', { class: 'package panel' },
    h('h2', {}, 'Package ', h('code', {}, p?.received?.sha256 ?? '')),
    tree(p))));
}
