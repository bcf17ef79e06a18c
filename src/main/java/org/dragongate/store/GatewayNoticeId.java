package org.dragongate.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.dragongate.crypto.Digests;

/**
 * The gateway's id of a notice: {@code <partnerId>.<reference>.v<version>}, e.g.
 * {@code CN-GACC.CN-2026-0042.v2}. Partners choose their references independently, so only the partner
 * prefix keeps two partners' "N-1" apart. The id goes into HTTP headers, file names and Message-IDs,
 * so it holds only {@code [A-Za-z0-9._-]}: the two other characters a reference may hold are escaped,
 * {@code _} as {@code _5F} and {@code :} as {@code _3A}, which keeps different references apart.
 */
public final class GatewayNoticeId {
    /** Longer escaped references are cut and told apart by a digest, so an id always fits its column. */
    static final int MAX_REFERENCE = 120;

    private GatewayNoticeId() {
    }

    public static String of(String partnerId, String reference, int version) {
        if (!partnerId.matches("[A-Z0-9][A-Z0-9-]{0,63}")) {
            throw new IllegalArgumentException("not a partner id: " + partnerId);
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions count from 1");
        }
        return partnerId + "." + escape(reference) + ".v" + version;
    }

    static String escape(String reference) {
        StringBuilder out = new StringBuilder(reference.length() + 8);
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c == '_' || c == ':') {
                out.append('_').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
                out.append(c);
            } else {
                throw new IllegalArgumentException("a notice reference holds only A-Z, a-z, 0-9, '.', '_', ':' and '-'");
            }
        }
        if (out.length() <= MAX_REFERENCE) {
            return out.toString();
        }
        // "_h" is no escape, so a cut reference never equals a whole one.
        return out.substring(0, MAX_REFERENCE - 18) + "_h" + sha256(reference).substring(0, 16);
    }

    private static String sha256(String text) {
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
