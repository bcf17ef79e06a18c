import { path } from '../api.js';
import { facts, h, link, table, time, tree } from '../dom.js';

/** Refused packages waiting for an administrator; discarded ones too on request. */
export async function quarantineView(context) {
  const list = h('div', { id: 'quarantine-list' }, entriesTable(await context.api.get('quarantine')));
  const all = h('input', { type: 'checkbox', id: 'quarantine-all' });
  all.addEventListener('change', async () => {
    try {
      list.replaceChildren(entriesTable(await context.api.get(all.checked ? 'quarantine?all=true' : 'quarantine')));
    } catch (e) {
      context.fail(e);
    }
  });
  return h('div', {},
    h('h1', {}, 'Quarantine'),
    h('p', {}, all, ' ', h('label', { for: 'quarantine-all' }, 'Show discarded entries too')),
    list);
}

function entriesTable(entries) {
  return table([
    { label: 'Entry', cell: e => link(e.id, 'quarantine', e.id) },
    { label: 'Quarantined', cell: e => time(e.quarantinedAt) },
    { label: 'Reason', cell: e => h('code', {}, e.reason) },
    { label: 'Partner', cell: e => e.partnerId ?? '—' },
    { label: 'Channel', cell: e => e.channel },
    { label: 'State', cell: e => e.state ?? '—' },
    { label: 'Message', cell: e => h('span', { class: 'message' }, e.message) },
  ], entries, 'Nothing in quarantine.');
}

/**
 * One quarantined package: why it was refused, where it came from, what was done about it so far,
 * and reprocess or discard while it is open.
 */
export async function quarantineEntryView(context, id) {
  const detail = await context.api.get(path('quarantine', id));
  // The entry itself, with its package's other entries and the requests made about it when the API gives them.
  const entry = detail.entry ?? detail;
  return h('div', {},
    h('h1', {}, 'Quarantine entry ', h('span', { class: 'id' }, entry.id)),
    facts([
      ['Reason', h('code', {}, entry.reason)],
      ['Message', h('span', { class: 'message' }, entry.message)],
      ['State', h('span', { id: 'quarantine-state' }, entry.state)],
      ['Quarantined', time(entry.quarantinedAt)],
      ['Updated', entry.updatedAt ? time(entry.updatedAt) : null],
      ['Received', time(entry.receivedAt)],
      ['Channel', entry.channel],
      ['Partner', entry.partnerId],
      ['Origin', entry.origin],
      ['Package', entry.packageSha256 ? link(entry.packageSha256, 'trace', entry.packageSha256) : null],
      ['Size', entry.packageSize === undefined ? null : entry.packageSize + ' bytes'],
      ['Discarded by', entry.discardedBy ? entry.discardedBy + ': ' + (entry.discardReason ?? '') : null],
    ]),
    context.canWrite && (entry.state ?? 'OPEN') === 'OPEN' ? actions(context, entry) : null,
    detail.entries?.length > 1 ? packageEntries(entry, detail.entries) : null,
    detail.requests?.length ? [h('h2', {}, 'Requests'), tree(detail.requests)] : null);
}

/** Every time the package was refused, oldest first: a reprocessed package refused again has a newer entry to act on. */
function packageEntries(entry, entries) {
  return h('div', { id: 'package-entries' },
    h('h2', {}, 'Every entry of this package'),
    table([
      { label: 'Entry', cell: e => e.id === entry.id ? h('span', { class: 'id' }, e.id + ' (this one)') : link(e.id, 'quarantine', e.id) },
      { label: 'Quarantined', cell: e => time(e.quarantinedAt) },
      { label: 'Reason', cell: e => h('code', {}, e.reason) },
      { label: 'State', cell: e => e.state },
    ], entries, ''));
}

function actions(context, entry) {
  const reprocess = h('button', { type: 'button', dataset: { action: 'reprocess' } }, 'Reprocess');
  reprocess.addEventListener('click', () => context.act(reprocess, async () => {
    await context.api.post(path('quarantine', entry.id, 'reprocess'));
    return 'Reprocessing ' + entry.id + ': the gateway takes the package in again shortly.';
  }));
  const reason = h('input', { type: 'text', name: 'reason', placeholder: 'why (required)', required: true, 'aria-label': 'Reason for discarding' });
  const discard = h('button', { type: 'submit', class: 'danger', dataset: { action: 'discard' } }, 'Discard');
  const discardForm = h('form', {
    class: 'inline',
    onsubmit: event => {
      event.preventDefault();
      context.act(discard, async () => {
        await context.api.post(path('quarantine', entry.id, 'discard'), { reason: reason.value.trim() });
        return 'Discarded ' + entry.id + '.';
      });
    },
  }, reason, discard);
  return h('div', { class: 'actions' },
    h('p', {}, 'Reprocess once the cause is fixed (a certificate imported, a partner resumed); discard what should never be taken in.'),
    reprocess, ' ', discardForm);
}
