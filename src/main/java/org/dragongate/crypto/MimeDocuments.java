package org.dragongate.crypto;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/**
 * Splits signed content into documents: a MIME {@code multipart/mixed} entity becomes the notice
 * (first part) and its attachments; anything else is a single document. Parts are read from the
 * spool file through a shared stream, so memory does not grow with their size.
 */
final class MimeDocuments {
    static final int MAX_PARTS = 1000;
    private static final int HEADER_PEEK = 8 * 1024;
    private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]+:.*");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._ -]");

    private MimeDocuments() {
    }

    static List<Document> split(Spool content, Path workDir) throws IOException, PackageRejected {
        if (!isMimeEntity(content)) {
            return List.of(new Document("document", sniff(content), content));
        }
        List<Document> documents = new ArrayList<>();
        try (InputStream in = sharedStream(content)) {
            MimeBodyPart entity = new MimeBodyPart(in);
            if (!entity.isMimeType("multipart/*")) {
                documents.add(spool(entity, 0, workDir));
                return documents;
            }
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(entity));
            int count = multipart.getCount();
            if (count == 0) {
                throw new PackageRejected(RejectReason.MALFORMED, "the MIME content has no parts; the notice must be the first part");
            }
            if (count > MAX_PARTS) {
                throw new PackageRejected(RejectReason.TOO_LARGE, "the MIME content has " + count + " parts; at most " + MAX_PARTS + " are allowed");
            }
            for (int i = 0; i < count; i++) {
                documents.add(spool(multipart.getBodyPart(i), i, workDir));
            }
            return documents;
        } catch (MessagingException e) {
            documents.forEach(d -> d.data().close());
            throw new PackageRejected(RejectReason.MALFORMED, "the MIME content cannot be parsed: " + e.getMessage());
        } catch (IOException | PackageRejected | RuntimeException e) {
            documents.forEach(d -> d.data().close());
            throw e;
        }
    }

    /** A stream the MIME parser can share between parts without copying: from memory, or from the file. */
    static InputStream sharedStream(Spool content) throws IOException {
        return content.inMemory() ? new SharedByteArrayInputStream(content.bytes()) : new SharedFileInputStream(content.path().toFile());
    }

    private static Document spool(Part part, int index, Path workDir) throws IOException, MessagingException {
        Spool spool = Spool.create(workDir);
        try (InputStream data = part.getInputStream()) {
            spool.fill(data);
        } catch (IOException | MessagingException | RuntimeException e) {
            spool.close();
            throw e;
        }
        String mediaType = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        return new Document(safeName(fileName(part), index), mediaType, spool);
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The last path segment, with anything outside a plain set of characters replaced: names never become paths. */
    static String safeName(String raw, int index) {
        String fallback = index == 0 ? "notice" : "attachment-" + index;
        if (raw == null) {
            return fallback;
        }
        String base = raw.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = UNSAFE.matcher(base).replaceAll("_").strip();
        while (base.startsWith(".")) {
            base = base.substring(1);
        }
        if (base.length() > 120) {
            base = base.substring(base.length() - 120);
        }
        return base.isEmpty() ? fallback : base;
    }

    /** MIME when the content opens with header lines that include a Content-Type before the first blank line. */
    private static boolean isMimeEntity(Spool content) throws IOException {
        String head;
        try (InputStream in = content.openStream()) {
            head = new String(in.readNBytes(HEADER_PEEK), StandardCharsets.ISO_8859_1);
        }
        boolean contentType = false;
        for (String line : head.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                return contentType;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            if (!HEADER_LINE.matcher(line).matches()) {
                return false;
            }
            contentType |= line.regionMatches(true, 0, "Content-Type:", 0, 13);
        }
        return false;
    }

    private static String sniff(Spool content) throws IOException {
        try (InputStream in = content.openStream()) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
            return switch (c) {
                case '<' -> "application/xml";
                case '{', '[' -> "application/json";
                default -> "application/octet-stream";
            };
        }
    }
}
