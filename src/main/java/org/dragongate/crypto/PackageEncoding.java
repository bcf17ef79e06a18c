package org.dragongate.crypto;

import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Recognises how a sealed package is encoded (DER, PEM or bare Base64) from its first bytes,
 * not from its file name, and streams the DER underneath.
 */
public final class PackageEncoding {
    public enum Kind { DER, PEM, BASE64 }

    private static final byte[] PEM_BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
    private static final int PEEK = 64;

    private PackageEncoding() {
    }

    /** A DER view of {@code in}; throws {@link PackageRejected} with MALFORMED when it is none of the three. */
    public static InputStream der(InputStream in) throws IOException, PackageRejected {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        Kind kind = detect(buffered);
        return switch (kind) {
            case DER -> buffered;
            case PEM -> Base64.getMimeDecoder().wrap(new PemBody(buffered));
            case BASE64 -> Base64.getMimeDecoder().wrap(buffered);
        };
    }

    static Kind detect(BufferedInputStream in) throws IOException, PackageRejected {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        int i = 0;
        while (i < head.length && isSpace(head[i])) {
            i++;
        }
        if (i == head.length) {
            throw new PackageRejected(RejectReason.MALFORMED, "the package is empty");
        }
        if (i == 0 && (head[0] & 0xff) == 0x30) {
            return Kind.DER;
        }
        if (startsWith(head, i, PEM_BEGIN)) {
            in.skipNBytes(i);
            return Kind.PEM;
        }
        if (isBase64(head[i])) {
            return Kind.BASE64;
        }
        throw new PackageRejected(RejectReason.MALFORMED,
                "the package is neither DER, PEM nor Base64 CMS; send the output of 'openssl cms -encrypt' unchanged");
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length - offset < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (data[offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
    }

    /**
     * The Base64 body of a PEM block: skips the BEGIN line and ends at the first '-' after it,
     * which can only be the END line because '-' is outside the Base64 alphabet.
     */
    private static final class PemBody extends FilterInputStream {
        private boolean headerSkipped;
        private boolean ended;

        PemBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!headerSkipped) {
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    // the BEGIN line, whatever its label (CMS, PKCS7)
                }
                headerSkipped = true;
            }
            if (ended || length == 0) {
                return ended ? -1 : 0;
            }
            int n = in.read(buffer, offset, length);
            if (n <= 0) {
                ended = true;
                return -1;
            }
            for (int k = 0; k < n; k++) {
                if (buffer[offset + k] == '-') {
                    ended = true;
                    return k == 0 ? -1 : k;
                }
            }
            return n;
        }
    }
}
