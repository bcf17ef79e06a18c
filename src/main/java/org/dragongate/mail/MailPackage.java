package org.dragongate.mail;

import org.dragongate.crypto.Spool;
import org.dragongate.intake.ReceivedPackage;

/**
 * One package found in a mail, decoded from its transfer encoding and held in a spool.
 *
 * @param name a safe name for logs and the audit trail (last path segment, plain characters only); never a path
 * @param form SMIME for the body of an S/MIME encrypted mail, CMS for a .p7m attachment
 * @param data the package bytes: DER for an S/MIME body, the attachment's bytes (DER, PEM or Base64) for an attachment
 */
public record MailPackage(String name, ReceivedPackage.PackageForm form, Spool data) {
}
