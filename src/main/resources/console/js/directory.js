// What the partner and contact-point pages share: how a status and a certificate are shown, and
// the admin's suspend / resume form.
import { path } from './api.js';
import { h, time } from './dom.js';
import { expiryBadge, expiryOf } from './expiry.js';

/** ACTIVE, SUSPENDED or REVOKED, coloured by the stylesheet. */
export function status(text, id) {
  return h('span', { class: 'status ' + String(text).toLowerCase(), id }, text);
}

/** A partner's or contact point's status, with the reason the administrator gave when suspending it. */
export function ownerStatus(owner, id) {
  return [status(owner.status, id), owner.statusReason ? h('span', { class: 'reason', id: id + '-reason' }, ' ', owner.statusReason) : null];
}

/** The columns of a certificate table, with windows of use and expiry as they are at now. */
export function certificateColumns(now = Date.now()) {
  return [
    { label: 'Subject', cell: c => h('span', { class: 'subject' }, c.subject) },
    { label: 'Issuer', cell: c => c.issuer },
    { label: 'Serial', cell: c => c.serial },
    { label: 'SHA-256', cell: c => h('code', { title: c.sha256 }, String(c.sha256).slice(0, 16) + '…') },
    { label: 'Valid', cell: c => time(c.notBefore) + ' – ' + time(c.notAfter) },
    { label: 'Window of use', cell: c => [time(c.useFrom) + ' – ' + time(c.useUntil), ' ', windowState(c, now)] },
    { label: 'Status', cell: c => certificateStatus(c) },
    { label: 'Expiry', cell: c => expiryBadge(expiryOf(c, now)) },
  ];
}

function windowState(certificate, now) {
  if (certificate.status === 'REVOKED') {
    return null;
  }
  if (Date.parse(certificate.useFrom) > now) {
    return h('span', { class: 'badge none' }, 'not yet in use');
  }
  if (Date.parse(certificate.useUntil) <= now) {
    return h('span', { class: 'badge expired' }, 'use ended');
  }
  return h('span', { class: 'badge ok' }, 'in use');
}

function certificateStatus(certificate) {
  if (certificate.status !== 'REVOKED') {
    return status(certificate.status);
  }
  return h('span', {},
    status('REVOKED'), ' ', time(certificate.revokedAt),
    h('br'), h('span', { class: 'reason' }, certificate.revokedReason));
}

/**
 * Suspend (with an optional reason) or resume the partner or contact point, whichever its status
 * calls for; meaning says, for each, what the change does.
 *
 * @param collection 'partners' or 'contact-points', the API's path
 * @param meaning {suspended, resumed}: the end of the message shown once it is done
 */
export function statusForm(context, collection, owner, meaning) {
  const suspended = owner.status === 'SUSPENDED';
  const reason = suspended ? null : h('input', { type: 'text', name: 'reason', placeholder: 'reason (optional)', 'aria-label': 'Reason for suspending' });
  const button = h('button', { type: 'submit', class: suspended ? '' : 'danger', dataset: { action: suspended ? 'resume' : 'suspend' } },
    suspended ? 'Resume' : 'Suspend');
  return h('form', {
    class: 'inline actions',
    onsubmit: event => {
      event.preventDefault();
      context.act(button, async () => {
        if (suspended) {
          await context.api.post(path(collection, owner.id, 'resume'));
          return owner.id + ' is active again: ' + meaning.resumed;
        }
        const why = reason.value.trim();
        await context.api.post(path(collection, owner.id, 'suspend'), why ? { reason: why } : {});
        return owner.id + ' is suspended: ' + meaning.suspended;
      });
    },
  }, reason, button);
}
