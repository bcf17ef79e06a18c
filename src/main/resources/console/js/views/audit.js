import { facts, h, table, time } from '../dom.js';

/** Whether the audit trail's hash chain is intact, and its latest records. */
export async function auditView(context) {
  const [verdict, records] = await Promise.all([context.api.get('audit/verify'), context.api.get('audit?limit=100')]);
  return h('div', {},
    h('h1', {}, 'Audit trail'),
    h('p', { id: 'audit-verdict', class: verdict.intact ? 'verdict intact' : 'verdict broken' },
      verdict.intact
        ? 'Intact: all ' + verdict.records + ' records chain up.'
        : 'BROKEN: the chain does not verify; the trail was changed outside the gateway.'),
    verdict.firstBroken ? facts(Object.entries(verdict.firstBroken).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v])) : null,
    h('h2', {}, 'Latest records'),
    table([
      { label: '#', cell: r => r.seq },
      { label: 'When', cell: r => time(r.recordedAt) },
      { label: 'Event', cell: r => r.event },
      { label: 'By', cell: r => r.actor },
      { label: 'Subject', cell: r => h('code', {}, r.subject) },
      { label: 'Detail', cell: r => h('span', { class: 'message' }, r.detail) },
    ], records, 'No audit records yet.'));
}
