package org.dragongate.crypto;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedStream;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/**
 * The decrypted content of an S/MIME message (RFC 8551), a MIME entity that must be signed: either
 * opaque ({@code application/pkcs7-mime; smime-type=signed-data}, the SignedData carries the content)
 * or clear ({@code multipart/signed}, see {@link ClearSigned}). The entity is read from a spool
 * file whose authentication tag has already been checked, so memory does not grow with its size.
 */
final class SmimeSigned {
    private SmimeSigned() {
    }

    /**
     * Anything that fails before the entity is recognised as signed is NOT_SIGNED, as in the CMS form:
     * for CBC the opener must be able to answer it as a decryption failure (see PackageOpener).
     */
    static SignedPart read(Spool decrypted, OpenLimits limits, Path workDir) throws IOException, CMSException, PackageRejected {
        try (InputStream in = MimeDocuments.sharedStream(decrypted)) {
            MimeBodyPart entity;
            ContentType type;
            try {
                entity = new MimeBodyPart(in);
                String header = entity.getHeader("Content-Type", null);
                if (header == null) {
                    throw notSigned("has no Content-Type");
                }
                type = new ContentType(header);
            } catch (ParseException e) {
                throw notSigned("has a Content-Type that cannot be parsed");
            } catch (MessagingException e) {
                throw notSigned("is not a MIME entity");
            }
            String base = type.getBaseType().toLowerCase(Locale.ROOT);
            if (base.equals("application/pkcs7-mime") || base.equals("application/x-pkcs7-mime")) {
                return opaque(entity, type, limits, workDir);
            }
            if (base.equals("multipart/signed")) {
                return ClearSigned.read(entity, type, limits, workDir);
            }
            throw notSigned("is " + base);
        }
    }

    /** The SignedData is the Base64 body; it carries the signed MIME entity inside. */
    private static SignedPart opaque(MimeBodyPart entity, ContentType type, OpenLimits limits, Path workDir)
            throws IOException, CMSException, PackageRejected {
        String smimeType = type.getParameter("smime-type");
        if (smimeType != null && !smimeType.equalsIgnoreCase("signed-data") && !smimeType.equalsIgnoreCase("compressed-data")) {
            throw notSigned("is S/MIME " + ClearSigned.printable(smimeType) + " rather than signed-data");
        }
        InputStream body;
        try {
            body = entity.getInputStream(); // undoes the transfer encoding as it streams
        } catch (MessagingException e) {
            throw new PackageRejected(RejectReason.MALFORMED, "the signed S/MIME body cannot be read: " + e.getMessage());
        }
        try (InputStream signedData = new LimitedInputStream(body, "the signed S/MIME body", limits.maxContentBytes())) {
            return SignedPart.read(new CMSTypedStream(signedData), limits, workDir);
        }
    }

    static PackageRejected notSigned(String what) {
        return new PackageRejected(RejectReason.NOT_SIGNED, "the decrypted S/MIME content " + what + ", not a signed entity; "
                + "sign it before encrypting (application/pkcs7-mime signed-data, or multipart/signed)");
    }
}
