import { status } from '../directory.js';
import { h, link, table } from '../dom.js';
import { partnerExpiries, expiryBadge } from '../expiry.js';

/** Every partner with its status and the most urgent expiry among its certificates. */
export async function partnersView(context) {
  const partners = await context.api.get('partners');
  const expiries = await partnerExpiries(context.api, partners);
  return h('div', {},
    h('h1', {}, 'Partners'),
    table([
      { label: 'Partner', cell: p => link(p.id, 'partners', p.id) },
      { label: 'Name', cell: p => p.name },
      { label: 'Country', cell: p => p.country },
      { label: 'Status', cell: p => status(p.status) },
      { label: 'Certificates', cell: p => expiryBadge(expiries.get(p.id)) },
      { label: 'Channels', cell: p => [p.sftpAccount ? 'SFTP ' + p.sftpAccount : null, ...(p.mailAddresses ?? [])].filter(Boolean).join(', ') },
    ], partners, 'No partners in the directory yet.'));
}
