import { h, link, table, time } from '../dom.js';
import { expiryBadge } from '../expiry.js';

/** Where an owner's page is; the gateway's own keys have none in the console. */
const OWNER_PAGES = { PARTNER: 'partners', CONTACT_POINT: 'contact-points' };

/**
 * Every certificate the expiry watch follows (partners', contact points' and the gateway's own keys'),
 * soonest to expire first, as the watch sees it: the same state it warns about by log and mail.
 */
export async function expiryView(context) {
  const entries = await context.api.get('certificates/expiry');
  return h('div', {},
    h('h1', {}, 'Certificate expiry'),
    h('p', {}, 'The gateway warns 30, 14, 7 and 1 days before each of these expires, and once when it has.'),
    table([
      { label: 'Expiry', cell: e => expiryBadge(e) },
      { label: 'Not after', cell: e => time(e.notAfter) },
      { label: 'Owner', cell: e => OWNER_PAGES[e.ownerKind] ? link(e.ownerId, OWNER_PAGES[e.ownerKind], e.ownerId) : e.ownerId },
      { label: 'Kind', cell: e => e.ownerKind },
      { label: 'Use', cell: e => e.purpose },
      { label: 'Subject', cell: e => h('span', { class: 'subject' }, e.subject) },
      { label: 'SHA-256', cell: e => h('code', { title: e.sha256 }, String(e.sha256).slice(0, 16) + '…') },
    ], entries, 'No certificates are watched.'));
}
