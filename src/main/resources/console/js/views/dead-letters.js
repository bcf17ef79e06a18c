import { path } from '../api.js';
import { h, link, table, time } from '../dom.js';

/** Deliveries the gateway gave up on; re-driving queues the same sealed notice again. */
export async function deadLettersView(context) {
  const letters = await context.api.get('dead-letters');
  const columns = [
    { label: 'Delivery', cell: d => h('code', {}, d.key) },
    { label: 'Notice', cell: d => d.noticeId ? link(d.noticeId, 'trace', d.noticeId) : '—' },
    { label: 'Contact point', cell: d => d.contactPoint },
    { label: 'Attempts', cell: d => d.attempts },
    { label: 'Last outcome', cell: d => h('span', { class: 'message' }, d.lastOutcome) },
    { label: 'Dead since', cell: d => time(d.deadAt) },
  ];
  if (context.canWrite) {
    columns.push({ label: '', cell: d => redriveButton(context, d) });
  }
  return h('div', {},
    h('h1', {}, 'Dead letters'),
    h('p', {}, 'Re-drive once the contact point is fixed: it receives the same bytes with the same Idempotency-Key.'),
    table(columns, letters, 'No dead letters.'));
}

function redriveButton(context, letter) {
  const button = h('button', { type: 'button', dataset: { action: 'redrive', key: letter.key } }, 'Re-drive');
  button.addEventListener('click', () => context.act(button, async () => {
    await context.api.post(path('dead-letters', letter.key, 'redrive'));
    return 'Queued again: ' + letter.key + '.';
  }));
  return button;
}
