package org.dragongate.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-GCM decryption that streams at the speed of the JDK's AES and GHASH intrinsics.
 *
 * <p>The JDK's own GCM decryption holds back all plaintext until the tag is checked, so its memory
 * grows with the package; BouncyCastle's streams but is several times slower. This does GCM from
 * the two halves the JDK streams fast: AES-CTR (from counter J0+1) recovers the plaintext, and
 * re-encrypting that plaintext with AES-GCM under the same key and nonce reproduces the received
 * ciphertext and so computes the expected tag, which is compared in constant time at the end.
 *
 * <p>Plaintext is released before the tag is checked, as with any streaming AEAD: callers spool it
 * and hand nothing on until {@link #read} has returned -1 without an exception.
 */
final class GcmDecryptingInputStream extends InputStream {
    /** Thrown at the end of the stream when the tag does not match: the ciphertext was altered. */
    static final class TagMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        TagMismatch() {
            super("GCM authentication tag mismatch");
        }
    }

    /** GCM requires a 12-byte nonce for J0 = nonce || 0x00000001; other lengths go through GHASH and are not handled here. */
    static final int NONCE_BYTES = 12;
    private static final int CHUNK = 32 * 1024;


    private final InputStream in;
    private final int tagBytes;
    private final Cipher ctr;
    private final Cipher tagCalculator;
    /** Ciphertext read ahead; its last {@code tagBytes} may turn out to be the tag. */
    private final byte[] window;
    private int windowFill;
    private byte[] plain = new byte[0];
    private int plainPos;
    private int plainEnd;
    private byte[] scratch = new byte[0];
    private boolean finished;
    /** Once the tag failed, every later read fails too: a caller that swallowed the first error cannot read on as if all were well. */
    private boolean tampered;

    GcmDecryptingInputStream(InputStream in, SecretKey key, byte[] nonce, int tagBytes) throws GeneralSecurityException {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("GCM nonce must be " + NONCE_BYTES + " bytes");
        }
        this.in = in;
        this.tagBytes = tagBytes;
        byte[] counter = new byte[16];
        System.arraycopy(nonce, 0, counter, 0, NONCE_BYTES);
        counter[15] = 2; // J0 + 1: the first counter block used for data
        this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
        this.ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counter));
        this.tagCalculator = Cipher.getInstance("AES/GCM/NoPadding");
        this.tagCalculator.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(tagBytes * 8, nonce));
        this.window = new byte[CHUNK + tagBytes];
    }

    /** Additional authenticated data, before any content is read. */
    void updateAad(byte[] aad, int offset, int length) {
        tagCalculator.updateAAD(aad, offset, length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (plainPos == plainEnd) {
            if (tampered) {
                throw new TagMismatch();
            }
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, plainEnd - plainPos);
        System.arraycopy(plain, plainPos, buffer, offset, n);
        plainPos += n;
        return n;
    }

    /** Reads more ciphertext, decrypts all but the last tagBytes of what is known, or checks the tag at the end. */
    private void fill() throws IOException {
        // Gather a whole window even from a source that returns small BER chunks: each cipher call has a fixed cost.
        int n = 0;
        while (windowFill < window.length && (n = in.read(window, windowFill, window.length - windowFill)) > 0) {
            windowFill += n;
        }
        if (n < 0 && windowFill <= tagBytes) {
            finish();
            return;
        }
        int ready = windowFill - tagBytes;
        if (ready <= 0) {
            return;
        }
        decrypt(ready);
        System.arraycopy(window, ready, window, 0, windowFill - ready);
        windowFill -= ready;
    }

    private void decrypt(int length) throws IOException {
        if (plain.length < length) {
            plain = new byte[length];
            scratch = new byte[length + 16];
        }
        try {
            int produced = ctr.update(window, 0, length, plain, 0);
            tagCalculator.update(plain, 0, produced, scratch, 0);
            plainPos = 0;
            plainEnd = produced;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES failed", e);
        }
    }

    private void finish() throws IOException {
        finished = true;
        tampered = true;
        if (windowFill < tagBytes) {
            throw new TagMismatch();
        }
        try {
            byte[] tail = tagCalculator.doFinal();
            byte[] expected = java.util.Arrays.copyOfRange(tail, tail.length - tagBytes, tail.length);
            byte[] received = java.util.Arrays.copyOfRange(window, windowFill - tagBytes, windowFill);
            if (!MessageDigest.isEqual(expected, received)) {
                throw new TagMismatch();
            }
            tampered = false;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
