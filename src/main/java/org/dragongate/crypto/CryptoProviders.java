package org.dragongate.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers BouncyCastle once per JVM and sets the ASN.1 parser limits before any parsing. */
public final class CryptoProviders {
    /** Deep enough for any real CMS (about 15 levels), shallow enough that a nesting bomb cannot exhaust the stack. */
    static final int MAX_ASN1_NESTING = 48;

    private CryptoProviders() {
    }

    public static synchronized Provider bouncyCastle() {
        System.setProperty("org.bouncycastle.asn1.max_cons_depth", Integer.toString(MAX_ASN1_NESTING));
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
