import { path } from '../api.js';
import { certificateColumns, ownerStatus, statusForm } from '../directory.js';
import { facts, field, h, table } from '../dom.js';

/** One partner: its details, its certificates with their windows of use and expiry, and the admin's actions. */
export async function partnerView(context, id) {
  const partner = await context.api.get(path('partners', id));
  const certificates = partner.certificates ?? [];
  return h('div', {},
    h('h1', {}, 'Partner ', h('span', { class: 'id' }, partner.id)),
    facts([
      ['Name', partner.name],
      ['Country', partner.country],
      ['Status', ownerStatus(partner, 'partner-status')],
      ['SFTP account', partner.sftpAccount],
      ['Mail addresses', (partner.mailAddresses ?? []).join(', ')],
    ]),
    context.canWrite ? statusForm(context, 'partners', partner, {
      suspended: 'its packages are refused until it is resumed.',
      resumed: 'its packages are accepted.',
    }) : null,
    h('h2', {}, 'Certificates'),
    table(partnerCertificateColumns(context, partner), certificates, 'No certificates: packages from this partner are refused.'),
    context.canWrite ? importForm(context, partner) : null);
}

/** A partner's certificates have a kind (pinned or trust anchor), and the admin can revoke them. */
function partnerCertificateColumns(context, partner) {
  const columns = [{ label: 'Kind', cell: c => c.kind }, ...certificateColumns()];
  if (context.canWrite) {
    columns.push({ label: '', cell: c => c.status === 'REVOKED' ? null : revokeForm(context, partner, c) });
  }
  return columns;
}

function revokeForm(context, partner, certificate) {
  const reason = h('input', { type: 'text', name: 'reason', placeholder: 'reason (required)', required: true, 'aria-label': 'Reason for revoking' });
  const button = h('button', { type: 'submit', class: 'danger', dataset: { action: 'revoke' } }, 'Revoke');
  return h('form', {
    class: 'inline', dataset: { sha256: certificate.sha256 },
    onsubmit: event => {
      event.preventDefault();
      context.act(button, async () => {
        await context.api.post(path('partners', partner.id, 'certificates', certificate.sha256, 'revoke'), { reason: reason.value.trim() });
        return 'Revoked ' + certificate.subject + '.';
      });
    },
  }, reason, button);
}

function importForm(context, partner) {
  const pem = h('textarea', { name: 'pem', rows: 8, spellcheck: 'false', required: true, placeholder: '-----BEGIN CERTIFICATE-----' });
  const file = h('input', { type: 'file', accept: '.pem,.crt,.cer', 'aria-label': 'Read a PEM file' });
  file.addEventListener('change', async () => {
    if (file.files.length > 0) {
      pem.value = await file.files[0].text();
    }
  });
  const kind = h('select', { name: 'kind' },
    h('option', { value: '' }, 'as the certificate says (a CA is an anchor, any other is pinned)'),
    h('option', { value: 'PINNED' }, 'PINNED (the partner\'s own signing certificate)'),
    h('option', { value: 'TRUST_ANCHOR' }, 'TRUST_ANCHOR (a CA the partner\'s certificates chain to)'));
  // Left empty, the window of use is the certificate's own validity.
  const useFrom = h('input', { type: 'text', name: 'useFrom', placeholder: '2026-03-01 or 2026-03-01T08:00:00Z (optional)' });
  const useUntil = h('input', { type: 'text', name: 'useUntil', placeholder: '2027-03-01 or 2027-03-01T08:00:00Z (optional)' });
  const allowExpired = h('input', { type: 'checkbox', name: 'allowExpired' });
  const button = h('button', { type: 'submit', dataset: { action: 'import' } }, 'Import');
  return h('form', {
    id: 'import-certificate', class: 'panel',
    onsubmit: event => {
      event.preventDefault();
      const body = { pem: pem.value };
      if (kind.value) {
        body.kind = kind.value;
      }
      if (useFrom.value.trim()) {
        body.useFrom = useFrom.value.trim();
      }
      if (useUntil.value.trim()) {
        body.useUntil = useUntil.value.trim();
      }
      if (allowExpired.checked) {
        body.allowExpired = true;
      }
      context.act(button, async () => {
        const imported = await context.api.post(path('partners', partner.id, 'certificates'), body);
        const also = (imported?.alsoImported ?? []).map(c => ' Also imported ' + c.subject + '.');
        const warnings = (imported?.warnings ?? []).map(w => ' Warning: ' + w);
        return 'Imported ' + (imported?.subject ?? 'the certificate') + '.' + also.join('') + warnings.join('');
      });
    },
  },
  h('h2', {}, 'Import a certificate'),
  field('PEM', pem), field('or a file', file), field('Kind', kind),
  field('Use from', useFrom), field('Use until', useUntil),
  h('label', { class: 'check' }, allowExpired, ' accept it even if it has expired'),
  button);
}
