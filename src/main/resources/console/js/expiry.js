// Expiry state of certificates. The gateway's expiry watch (GET certificates/expiry) is the
// authority; when a gateway does not offer it yet, the console works the state out from the
// certificates the same way: EXPIRED past notAfter, WARNING within the watch's first warning (30 days).
import { ApiError, path } from './api.js';
import { h } from './dom.js';

export const WARNING_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const SEVERITY = { OK: 0, WARNING: 1, EXPIRED: 2 };

/** {state, daysLeft} of one certificate at now. */
export function expiryOf(certificate, now = Date.now()) {
  const daysLeft = Math.floor((Date.parse(certificate.notAfter) - now) / DAY);
  const state = Date.parse(certificate.notAfter) <= now ? 'EXPIRED' : daysLeft <= WARNING_DAYS ? 'WARNING' : 'OK';
  return { state, daysLeft };
}

/** The most urgent of several {state, daysLeft}, or null when there are none. */
export function worst(expiries) {
  return expiries.reduce((worse, e) => worse === null
    || SEVERITY[e.state] > SEVERITY[worse.state]
    || (SEVERITY[e.state] === SEVERITY[worse.state] && e.daysLeft < worse.daysLeft) ? e : worse, null);
}

/**
 * partner id -> the most urgent expiry of its active certificates, from the expiry watch, or from
 * each partner's certificates when the gateway has no expiry endpoint.
 */
export function partnerExpiries(api, partners) {
  return ownerExpiries(api, 'PARTNER', 'partners', partners);
}

/** contact point id -> the most urgent expiry of its active encryption certificates, the same way. */
export function contactPointExpiries(api, contactPoints) {
  return ownerExpiries(api, 'CONTACT_POINT', 'contact-points', contactPoints);
}

/**
 * @param ownerKind the expiry watch's name for the owners
 * @param collection where the API shows each owner with its certificates, for gateways without the watch
 */
async function ownerExpiries(api, ownerKind, collection, owners) {
  try {
    const entries = await api.get('certificates/expiry');
    const byOwner = new Map();
    for (const entry of entries.filter(e => e.ownerKind === ownerKind)) {
      byOwner.set(entry.ownerId, [...(byOwner.get(entry.ownerId) ?? []), entry]);
    }
    return new Map(owners.map(o => [o.id, worst(byOwner.get(o.id) ?? [])]));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) {
      throw e;
    }
  }
  const details = await Promise.all(owners.map(o => api.get(path(collection, o.id))));
  return new Map(details.map(d => [d.id, worst((d.certificates ?? [])
    .filter(c => c.status !== 'REVOKED')
    .map(c => expiryOf(c)))]));
}

/** A badge: the state and how many days are left (or since when it expired). */
export function expiryBadge(expiry) {
  if (!expiry) {
    return h('span', { class: 'badge none' }, 'no active certificate');
  }
  const days = expiry.daysLeft;
  const text = expiry.state === 'EXPIRED'
    ? 'EXPIRED ' + (days < 0 ? -days + (days === -1 ? ' day ago' : ' days ago') : 'today')
    : expiry.state + ' · ' + days + (days === 1 ? ' day left' : ' days left');
  return h('span', { class: 'badge ' + expiry.state.toLowerCase(), dataset: { expiry: expiry.state } }, text);
}
