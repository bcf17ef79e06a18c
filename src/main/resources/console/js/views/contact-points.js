import { status } from '../directory.js';
import { h, link, table } from '../dom.js';
import { contactPointExpiries, expiryBadge } from '../expiry.js';

/** Every contact point notices are delivered to, with its status and the most urgent expiry among its certificates. */
export async function contactPointsView(context) {
  const contactPoints = await context.api.get('contact-points');
  const expiries = await contactPointExpiries(context.api, contactPoints);
  return h('div', {},
    h('h1', {}, 'Contact points'),
    table([
      { label: 'Contact point', cell: c => link(c.id, 'contact-points', c.id) },
      { label: 'Name', cell: c => c.name },
      { label: 'Country', cell: c => c.country },
      { label: 'Categories', cell: c => (c.categories ?? []).join(', ') },
      { label: 'Endpoint', cell: c => h('code', {}, c.endpoint) },
      { label: 'Status', cell: c => status(c.status) },
      { label: 'Certificates', cell: c => expiryBadge(expiries.get(c.id)) },
    ], contactPoints, 'No contact points in the directory yet.'));
}
