import { path } from '../api.js';
import { facts, field, h, link, table, time } from '../dom.js';

// The quarantine entry's reason code; older gateways name the field reasonCode.
const reasonOf = entry => entry.reason ?? entry.reasonCode;

/** Refused packages waiting for an administrator. */
export async function quarantineView(context) {
  const entries = await context.api.get('quarantine');
  return h('div', {},
    h('h1', {}, 'Quarantine'),
    table([
      { label: 'Entry', cell: e => link(e.id, 'quarantine', e.id) },
      { label: 'Quarantined', cell: e => time(e.quarantinedAt) },
      { label: 'Reason', cell: e => h('code', {}, reasonOf(e)) },
      { label: 'Partner', cell: e => e.partnerId ?? '—' },
      { label: 'Channel', cell: e => e.channel },
      { label: 'State', cell: e => e.state ?? '—' },
      { label: 'Message', cell: e => h('span', { class: 'message' }, e.message) },
    ], entries, 'Nothing in quarantine.'));
}

/** One quarantined package: why it was refused, where it came from, and reprocess or discard. */
export async function quarantineEntryView(context, id) {
  const entry = await context.api.get(path('quarantine', id));
  const sha256 = entry.packageSha256 ?? entry.sha256;
  return h('div', {},
    h('h1', {}, 'Quarantine entry ', h('span', { class: 'id' }, entry.id)),
    facts([
      ['Reason', h('code', {}, reasonOf(entry))],
      ['Message', h('span', { class: 'message' }, entry.message)],
      ['State', entry.state],
      ['Quarantined', time(entry.quarantinedAt)],
      ['Received', time(entry.receivedAt)],
      ['Channel', entry.channel],
      ['Partner', entry.partnerId],
      ['Origin', entry.origin],
      ['Package', sha256 ? link(sha256, 'trace', sha256) : null],
      ['Size', entry.packageSize === undefined ? null : entry.packageSize + ' bytes'],
    ]),
    context.canWrite ? actions(context, entry) : null);
}

function actions(context, entry) {
  const reprocess = h('button', { type: 'button', dataset: { action: 'reprocess' } }, 'Reprocess');
  reprocess.addEventListener('click', () => context.act(reprocess, async () => {
    const result = await context.api.post(path('quarantine', entry.id, 'reprocess'));
    return 'Reprocessed ' + entry.id + outcome(result);
  }));
  const reason = h('input', { type: 'text', name: 'reason', placeholder: 'why (optional)', 'aria-label': 'Reason for discarding' });
  const discard = h('button', { type: 'submit', class: 'danger', dataset: { action: 'discard' } }, 'Discard');
  const discardForm = h('form', {
    class: 'inline',
    onsubmit: event => {
      event.preventDefault();
      context.act(discard, async () => {
        const why = reason.value.trim();
        const result = await context.api.post(path('quarantine', entry.id, 'discard'), why ? { reason: why } : {});
        return 'Discarded ' + entry.id + outcome(result);
      });
    },
  }, reason, discard);
  return h('div', { class: 'actions' },
    h('p', {}, 'Reprocess once the cause is fixed (a certificate imported, a partner resumed); discard what should never be taken in.'),
    reprocess, ' ', discardForm);
}

/** What the gateway said it did, if it said anything. */
function outcome(result) {
  const said = result?.message ?? result?.state ?? result?.outcome;
  return said ? ': ' + said : '.';
}
