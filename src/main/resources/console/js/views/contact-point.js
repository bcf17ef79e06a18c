import { path } from '../api.js';
import { certificateColumns, ownerStatus, statusForm } from '../directory.js';
import { facts, h, table, time } from '../dom.js';

/**
 * One contact point: where its deliveries go and with which credentials (names, never secrets), the
 * certificates they are encrypted for, and the admin's suspend / resume.
 */
export async function contactPointView(context, id) {
  const contactPoint = await context.api.get(path('contact-points', id));
  return h('div', {},
    h('h1', {}, 'Contact point ', h('span', { class: 'id' }, contactPoint.id)),
    facts([
      ['Name', contactPoint.name],
      ['Country', contactPoint.country],
      ['Categories', (contactPoint.categories ?? []).join(', ')],
      ['Status', ownerStatus(contactPoint, 'contact-point-status')],
      ['Endpoint', h('code', {}, contactPoint.endpoint)],
      ['Bearer token from', contactPoint.bearerTokenEnv ? h('code', {}, contactPoint.bearerTokenEnv) : null],
      ['Client certificate', contactPoint.clientCertificateFile
        ? [h('code', {}, contactPoint.clientCertificateFile), ', password from ', h('code', {}, contactPoint.clientCertificatePasswordEnv)]
        : null],
      ['Queued deliveries', h('span', { id: 'queued-deliveries' }, contactPoint.queuedDeliveries ?? '—')],
      ['Updated', time(contactPoint.updatedAt)],
    ]),
    context.canWrite ? statusForm(context, 'contact-points', contactPoint, {
      suspended: 'its deliveries are held until it is resumed.',
      resumed: 'its held deliveries go out again.',
    }) : null,
    h('h2', {}, 'Certificates'),
    table(certificateColumns(), contactPoint.certificates ?? [], 'No certificates: nothing can be encrypted for this contact point.'));
}
