package org.dragongate.crypto;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.SharedInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/**
 * A {@code multipart/signed} entity (RFC 1847, RFC 8551 section 3.5): the first part is the signed
 * MIME entity, its bytes exactly as they stand between the boundaries; the second part is a
 * detached SignedData over them. The signed bytes are spooled in canonical form (CRLF line ends,
 * which is what the sender signed) and the documents are later read from that verified spool.
 */
final class ClearSigned {
    /** A detached signature is the signer infos and certificates only; anything larger is not one. */
    static final int MAX_SIGNATURE_BYTES = 1024 * 1024;

    private ClearSigned() {
    }

    static SignedPart read(MimeBodyPart entity, ContentType type, OpenLimits limits, Path workDir)
            throws IOException, CMSException, PackageRejected {
        String protocol = type.getParameter("protocol");
        if (protocol == null || !(protocol.equalsIgnoreCase("application/pkcs7-signature")
                || protocol.equalsIgnoreCase("application/x-pkcs7-signature"))) {
            throw malformed("multipart/signed with protocol '" + printable(String.valueOf(protocol))
                    + "'; only application/pkcs7-signature (S/MIME) is accepted");
        }
        RawParts multipart = null;
        Spool content = null;
        try {
            multipart = new RawParts(new MimePartDataSource(entity));
            if (multipart.getCount() != 2 || multipart.raw.size() != 2) {
                throw malformed("multipart/signed with " + multipart.getCount() + " parts; exactly two (content, signature) are expected");
            }
            byte[] signature = signature(multipart.getBodyPart(1));
            content = Spool.create(workDir);
            try (InputStream raw = new BufferedInputStream(multipart.raw.get(0), 64 * 1024);
                 OutputStream out = new BufferedOutputStream(content.openForWriting(), 64 * 1024)) {
                canonical(new LimitedInputStream(raw, "the signed content", limits.maxContentBytes()), out);
            }
            CMSSignedDataParser parser;
            try (InputStream signed = content.openStream()) {
                parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), new CMSTypedStream(signed), signature);
                parser.getSignedContent().drain(); // digests the content for the signer infos read next
            }
            @SuppressWarnings("unchecked")
            Store<X509CertificateHolder> certificates = parser.getCertificates();
            return new SignedPart(content, new ASN1ObjectIdentifier(parser.getSignedContentTypeOID()), parser.getSignerInfos(),
                    certificates);
        } catch (MessagingException e) {
            closeQuietly(content);
            throw malformed("multipart/signed that cannot be parsed: " + printable(String.valueOf(e.getMessage())));
        } catch (OperatorCreationException e) {
            closeQuietly(content);
            throw new CMSException("no digest provider", e);
        } catch (IOException | CMSException | PackageRejected | RuntimeException e) {
            closeQuietly(content);
            throw e;
        } finally {
            if (multipart != null) {
                multipart.closeRaw();
            }
        }
    }

    private static byte[] signature(BodyPart part) throws MessagingException, IOException, PackageRejected {
        String base = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        if (!base.equals("application/pkcs7-signature") && !base.equals("application/x-pkcs7-signature")) {
            throw malformed("multipart/signed whose second part is " + printable(base) + ", not application/pkcs7-signature");
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_SIGNATURE_BYTES + 1);
            if (bytes.length > MAX_SIGNATURE_BYTES) {
                throw new PackageRejected(RejectReason.TOO_LARGE, "the detached signature is larger than " + MAX_SIGNATURE_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /**
     * Copies with every line ending as CRLF (RFC 8551 section 3.1.1: the entity is signed in canonical
     * form). Content already canonical, as it must be on the wire, passes unchanged.
     */
    static void canonical(InputStream in, OutputStream out) throws IOException {
        int previous = -1;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n' && previous != '\r') {
                out.write('\r');
            }
            out.write(c);
            previous = c;
        }
    }

    /** Control characters replaced, so sender-chosen values cannot forge log lines. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static PackageRejected malformed(String what) {
        return new PackageRejected(RejectReason.MALFORMED, "the decrypted S/MIME content is a " + what);
    }

    private static void closeQuietly(Spool spool) {
        if (spool != null) {
            spool.close();
        }
    }

    /**
     * Remembers each part's raw bytes (headers and body, from just after its boundary line to just
     * before the line break that precedes the next one): Jakarta Mail parses the headers of a part
     * and keeps no raw copy, while the signature covers the raw bytes.
     */
    private static final class RawParts extends MimeMultipart {
        private final List<InputStream> raw = new ArrayList<>();

        RawParts(MimePartDataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected MimeBodyPart createMimeBodyPart(InputStream is) throws MessagingException {
            if (is instanceof SharedInputStream shared) {
                raw.add(shared.newStream(0, -1));
            }
            return super.createMimeBodyPart(is);
        }

        void closeRaw() {
            for (InputStream in : raw) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // a read-only view of the spool file; nothing to lose
                }
            }
        }
    }
}
