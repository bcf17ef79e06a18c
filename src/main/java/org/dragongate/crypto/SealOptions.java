package org.dragongate.crypto;

/**
 * How a package is sealed. The defaults are what the gateway recommends to partners:
 * AuthEnvelopedData with AES-256-GCM, DER.
 */
public record SealOptions(ContentCipher cipher, Encoding encoding) {
    public enum ContentCipher { AES_256_GCM, AES_128_GCM, AES_256_CBC }

    public enum Encoding { DER, PEM }

    public static SealOptions defaults() {
        return new SealOptions(ContentCipher.AES_256_GCM, Encoding.DER);
    }
}
