package org.dragongate.directory;

import java.util.Locale;

/** How a partner's certificate is used: a CA its signers chain to, or one signer certificate trusted as is. */
public enum CertificateKind {
    TRUST_ANCHOR("anchor"),
    PINNED("pinned");

    private final String word;

    CertificateKind(String word) {
        this.word = word;
    }

    /** The administrator's word for it: {@code anchor} or {@code pinned}. */
    public String word() {
        return word;
    }

    public static CertificateKind of(String word) {
        for (CertificateKind kind : values()) {
            if (kind.word.equals(word.toLowerCase(Locale.ROOT)) || kind.name().equalsIgnoreCase(word)) {
                return kind;
            }
        }
        throw new DirectoryException(DirectoryException.Problem.INVALID_INPUT, "certificate kind '" + word + "' must be anchor or pinned");
    }
}
