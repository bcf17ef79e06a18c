package org.dragongate.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the signed content of a package with attachments: a MIME {@code multipart/mixed} entity,
 * the notice first, each part Base64 so the signature survives any transport, streamed from disk.
 */
final class MultipartContent {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private MultipartContent() {
    }

    static void write(OutputStream out, Path notice, String noticeType, List<Path> attachments) throws IOException {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String boundary = "=_dragongate_" + HexFormat.of().formatHex(random);
        ascii(out, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n");
        part(out, boundary, notice, noticeType);
        for (Path attachment : attachments) {
            part(out, boundary, attachment, mediaType(attachment));
        }
        ascii(out, "--" + boundary + "--\r\n");
    }

    private static void part(OutputStream out, String boundary, Path file, String mediaType) throws IOException {
        String name = MimeDocuments.safeName(file.getFileName().toString(), 1);
        ascii(out, "--" + boundary + "\r\n"
                + "Content-Type: " + mediaType + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n");
        OutputStream base64 = Base64.getMimeEncoder(76, CRLF).wrap(nonClosing(out));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(base64);
        }
        base64.close();
        out.write(CRLF);
    }

    static String mediaType(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".xml")) {
            return "application/xml";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        String probed = Files.probeContentType(file);
        return probed == null ? "application/octet-stream" : probed;
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
