package org.dragongate.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.dragongate.crypto.Spool;
import org.dragongate.intake.ReceivedPackage.PackageForm;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.eclipse.angus.mail.util.DecodingException;

/**
 * Finds the packages in a raw mail (RFC 5322 / MIME): the body of an S/MIME encrypted message, or
 * each .p7m / {@code application/pkcs7-mime} attachment of a plain mail. The mail is parsed from its
 * file through a shared stream, so memory does not grow with its size; each package is decoded to a
 * spool (on disk once large), so a mail is either refused as a whole or all of its packages are ready
 * to be taken in.
 * Sender-chosen names and header parameters are only ever logged, never used as paths.
 */
public final class MailPackages {
    static final int MAX_DEPTH = 10;
    static final int MAX_PARTS = 1000;
    static final int MAX_PACKAGES = 100;
    private static final int MAX_PRINTABLE = 200;
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._ -]");

    /** What the headers say, read leniently: for the audit trail of a mail that may yet be refused. */
    public record Origin(String sender, String messageId) {
    }

    private final Session session;
    private final Path workDir;

    /** @param workDir where the decoded packages are spooled (the gateway's own folder, owner-only files) */
    public MailPackages(Path workDir) {
        Properties settings = new Properties();
        settings.setProperty("mail.mime.address.strict", "true");
        this.session = Session.getInstance(settings);
        this.workDir = workDir;
    }

    /**
     * @throws PackageRejected MALFORMED (unreadable MIME or From), UNKNOWN_SENDER (several senders), NOT_ENCRYPTED
     *                         (signed-only S/MIME), NO_PACKAGE, or TOO_LARGE (too many parts or packages)
     * @throws IOException     reading the mail file or writing a spool failed: not the mail's fault
     */
    public MailContents read(Path rawMail) throws IOException, PackageRejected {
        try (SharedFileInputStream in = new SharedFileInputStream(rawMail.toFile())) {
            MimeMessage message = new MimeMessage(session, in);
            String sender = sender(message);
            String messageId = messageId(message);
            List<MailPackage> packages = new ArrayList<>();
            try {
                ContentType type = contentType(message, "the mail");
                if (isPkcs7Mime(type)) {
                    packages.add(smimeBody(message, type));
                } else {
                    List<Found> found = new ArrayList<>();
                    collect(message, "1", 0, found, new int[1]);
                    for (Found part : found) {
                        packages.add(spool(part.part(), part.name(), PackageForm.CMS, "attachment " + part.name() + " (part " + part.path() + ")"));
                    }
                }
                if (packages.isEmpty()) {
                    throw new PackageRejected(RejectReason.NO_PACKAGE, "the mail carries no package: send the sealed package as a "
                            + "'.p7m' attachment (application/pkcs7-mime), or as an S/MIME encrypted message to the gateway's certificate");
                }
                return new MailContents(sender, messageId, packages);
            } catch (MessagingException e) {
                packages.forEach(p -> p.data().close());
                throw new PackageRejected(RejectReason.MALFORMED, "the mail's MIME structure cannot be read ("
                        + printable(String.valueOf(e.getMessage())) + "); send it again from an ordinary mail client");
            } catch (IOException | PackageRejected | RuntimeException e) {
                packages.forEach(p -> p.data().close());
                throw e;
            }
        } catch (MessagingException e) {
            throw new PackageRejected(RejectReason.MALFORMED, "the mail's headers cannot be read ("
                    + printable(String.valueOf(e.getMessage())) + "); send it again from an ordinary mail client");
        }
    }

    /** Never fails on a bad header: the sender is null unless exactly one address can be read. */
    public Origin origin(Path rawMail) throws IOException {
        try (SharedFileInputStream in = new SharedFileInputStream(rawMail.toFile())) {
            MimeMessage message = new MimeMessage(session, in);
            String sender;
            try {
                sender = sender(message);
            } catch (PackageRejected | MessagingException | RuntimeException e) {
                sender = null;
            }
            return new Origin(sender, messageId(message));
        } catch (MessagingException e) {
            return new Origin(null, "(none)");
        }
    }

    /** The one From address, lower-cased. */
    static String sender(MimeMessage message) throws MessagingException, PackageRejected {
        String[] from = message.getHeader("From");
        if (from == null || from.length == 0) {
            throw new PackageRejected(RejectReason.MALFORMED, "the mail has no From header; send it from the address registered for your agency");
        }
        if (from.length > 1) {
            throw new PackageRejected(RejectReason.UNKNOWN_SENDER, "the mail has " + from.length
                    + " From headers; send it from the one address registered for your agency");
        }
        InternetAddress[] addresses;
        try {
            addresses = InternetAddress.parseHeader(from[0], true);
        } catch (AddressException e) {
            throw new PackageRejected(RejectReason.MALFORMED, "the From header cannot be read (" + printable(String.valueOf(e.getMessage()))
                    + "); send it from the address registered for your agency");
        }
        if (addresses.length != 1 || addresses[0].isGroup() || addresses[0].getAddress() == null
                || addresses[0].getAddress().indexOf('@') < 1) {
            throw new PackageRejected(RejectReason.UNKNOWN_SENDER, "the From header names " + addresses.length
                    + " addresses; a package mail must come from exactly one address, the one registered for your agency");
        }
        return printable(addresses[0].getAddress().toLowerCase(Locale.ROOT));
    }

    static String messageId(MimeMessage message) throws MessagingException {
        String id = message.getHeader("Message-ID", null);
        return id == null || id.isBlank() ? "(none)" : printable(id.strip());
    }

    /** (a) An S/MIME message whose whole body is the encrypted CMS. */
    private MailPackage smimeBody(MimeMessage message, ContentType type) throws MessagingException, IOException, PackageRejected {
        String smimeType = type.getParameter("smime-type");
        String kind = smimeType == null ? "enveloped-data" : smimeType.toLowerCase(Locale.ROOT);
        switch (kind) {
            case "enveloped-data", "authenveloped-data" -> {
                return spool(message, "smime.p7m", PackageForm.SMIME, "the S/MIME body");
            }
            case "signed-data" -> throw new PackageRejected(RejectReason.NOT_ENCRYPTED, "the mail is S/MIME signed but not "
                    + "encrypted; encrypt it for the gateway's certificate (openssl cms -encrypt -aes-256-gcm ...)");
            default -> throw new PackageRejected(RejectReason.NO_PACKAGE, "the mail is S/MIME " + printable(smimeType)
                    + ", which carries no package; send an S/MIME encrypted message (enveloped-data or authEnveloped-data)");
        }
    }

    private record Found(Part part, String path, String name) {
    }

    /** (b) Walks the MIME tree for .p7m / pkcs7-mime leaves; forwarded mails (message/rfc822) are not opened. */
    private void collect(Part part, String path, int depth, List<Found> found, int[] parts) throws MessagingException, PackageRejected {
        if (++parts[0] > MAX_PARTS) {
            throw new PackageRejected(RejectReason.TOO_LARGE, "the mail has more than " + MAX_PARTS + " MIME parts");
        }
        ContentType type = contentType(part, "part " + path);
        if (type.match("multipart/*")) {
            if (depth >= MAX_DEPTH) {
                throw new PackageRejected(RejectReason.MALFORMED, "the mail's MIME parts are nested more than " + MAX_DEPTH + " deep");
            }
            StrictMultipart multipart = new StrictMultipart(new MimePartDataSource((MimePart) part));
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), path + "." + (i + 1), depth + 1, found, parts);
            }
            return;
        }
        String rawName;
        try {
            rawName = part.getFileName();
        } catch (ParseException e) {
            throw new PackageRejected(RejectReason.MALFORMED, "the Content-Disposition of part " + path + " cannot be parsed");
        }
        boolean p7mName = rawName != null && rawName.strip().toLowerCase(Locale.ROOT).endsWith(".p7m");
        if (isPkcs7Mime(type) || p7mName) {
            if (found.size() >= MAX_PACKAGES) {
                throw new PackageRejected(RejectReason.TOO_LARGE, "the mail carries more than " + MAX_PACKAGES + " packages; send fewer per mail");
            }
            found.add(new Found(part, path, safeName(rawName, "package-" + (found.size() + 1) + ".p7m")));
        }
    }

    /** Decodes the part (Base64, quoted-printable) into a spool; bad encoding is the mail's fault, a disk error is not. */
    private MailPackage spool(Part part, String name, PackageForm form, String what) throws MessagingException, IOException, PackageRejected {
        Spool spool = Spool.create(workDir);
        try (InputStream in = part.getInputStream()) {
            spool.fill(in);
        } catch (IOException e) {
            spool.close();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DecodingException) {
                    throw new PackageRejected(RejectReason.MALFORMED, what + " is not validly encoded ("
                            + printable(String.valueOf(t.getMessage())) + "); attach the package file unchanged");
                }
            }
            throw e;
        } catch (MessagingException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return new MailPackage(name, form, spool);
    }

    private static ContentType contentType(Part part, String where) throws MessagingException, PackageRejected {
        try {
            return new ContentType(part.getContentType());
        } catch (ParseException e) {
            throw new PackageRejected(RejectReason.MALFORMED, "the Content-Type of " + where + " cannot be parsed ("
                    + printable(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static boolean isPkcs7Mime(ContentType type) {
        return type.match("application/pkcs7-mime") || type.match("application/x-pkcs7-mime");
    }

    /** The last path segment, with anything outside a plain set of characters replaced: names never become paths. */
    static String safeName(String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        String base = raw.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = UNSAFE_NAME.matcher(base).replaceAll("_").strip();
        while (base.startsWith(".")) {
            base = base.substring(1);
        }
        if (base.length() > 120) {
            base = base.substring(base.length() - 120);
        }
        return base.isEmpty() ? fallback : base;
    }

    /** Control characters (CR, LF, NUL, ESC...) replaced and length capped, so a header cannot forge log lines. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX_PRINTABLE).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A multipart that ends where its closing boundary says: a truncated mail is refused, not half read. */
    private static final class StrictMultipart extends MimeMultipart {
        StrictMultipart(MimePartDataSource source) throws MessagingException {
            super(source);
        }

        /** Called again when parsing starts, so the setting goes here rather than in the constructor. */
        @Override
        protected void initializeProperties() {
            super.initializeProperties();
            ignoreMissingEndBoundary = false;
        }
    }
}
