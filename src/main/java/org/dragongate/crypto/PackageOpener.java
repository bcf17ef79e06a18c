package org.dragongate.crypto;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.util.io.StreamOverflowException;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.dragongate.trust.RevocationPolicy;
import org.dragongate.trust.SignerTrust;

/**
 * Opens a sealed package: decrypts it with one of our active keys, then verifies the partner's
 * signature. Streams from input to spool files; hands nothing on before the authentication tag and
 * the signature have both been checked.
 */
public final class PackageOpener {
    /** How the decrypted content is laid out; the encryption layer is the same CMS for both. */
    public enum Form {
        /** A package file: the decrypted content is a CMS SignedData (possibly compressed first). */
        CMS,
        /**
         * The body of an S/MIME message (RFC 8551): the decrypted content is a MIME entity, opaque-signed
         * ({@code application/pkcs7-mime; smime-type=signed-data}) or clear-signed ({@code multipart/signed}).
         */
        SMIME
    }

    private final EnvelopeOpener envelopes;
    private final SignatureCheck signatures;
    private final PartnerDirectory directory;
    private final OpenLimits limits;
    private final Path workDir;

    public PackageOpener(GatewayKeys keys, PartnerDirectory directory, AlgorithmPolicy policy, OpenLimits limits,
                         Path workDir, Clock clock) {
        this(() -> keys, directory, policy, limits, workDir, clock, RevocationPolicy.REFUSE);
    }

    /**
     * @param keys       the active keys as they are now: the gateway reads them again from its database, so a rollover needs no restart
     * @param revocation what to do when a signer's revocation must be checked and no current CRL can say
     */
    public PackageOpener(java.util.function.Supplier<GatewayKeys> keys, PartnerDirectory directory, AlgorithmPolicy policy, OpenLimits limits,
                         Path workDir, Clock clock, RevocationPolicy revocation) {
        this.envelopes = new EnvelopeOpener(keys, policy);
        this.signatures = new SignatureCheck(directory, new SignerTrust(directory, clock, revocation), policy, clock);
        this.directory = directory;
        this.limits = limits;
        this.workDir = workDir;
    }

    /**
     * @param claimedPartnerId the partner the channel says sent it (its SFTP account, its mail address)
     * @throws PackageRejected when the package is refused, with the reason
     * @throws IOException     when reading the source or writing the spool failed: not the package's fault, try again
     */
    public OpenedPackage open(InputStream sealed, String claimedPartnerId) throws PackageRejected, IOException {
        return open(sealed, claimedPartnerId, Form.CMS);
    }

    /**
     * @param form how to read the decrypted content: a CMS package file, or the body of an S/MIME message
     * @see #open(InputStream, String)
     */
    public OpenedPackage open(InputStream sealed, String claimedPartnerId, Form form) throws PackageRejected, IOException {
        MessageDigest digest = Spool.newSha256Digest();
        LimitedInputStream raw = new LimitedInputStream(new DigestInputStream(new SourceStream(sealed), digest),
                "the package", limits.maxPackageBytes());
        boolean legacy = directory.find(claimedPartnerId).map(Partner::allowLegacyKeyTransport).orElse(false);
        SignedPart signed = null;
        try {
            EnvelopeOpener.Decrypting envelope = envelopes.open(PackageEncoding.der(raw), legacy);
            signed = form == Form.SMIME ? readSmime(envelope) : readSigned(envelope);
            SignatureCheck.Signer signer = signatures.check(signed, claimedPartnerId);
            raw.transferTo(java.io.OutputStream.nullOutputStream()); // the digest names the whole file, trailing bytes included
            List<Document> documents = MimeDocuments.split(signed.content(), workDir);
            return new OpenedPackage(signer.partner(), signer.certificate(), signer.signingTime(),
                    HexFormat.of().formatHex(digest.digest()), raw.count(), envelope.cipher(),
                    envelope.gatewayCertificate(), signed.content(), documents, signer.revocationWaiver());
        } catch (PackageRejected e) {
            closeQuietly(signed);
            throw e;
        } catch (IOException | CMSException | RuntimeException | StackOverflowError e) {
            closeQuietly(signed);
            SourceStream.SourceFailed sourceFailure = sourceFailure(e);
            if (sourceFailure != null) {
                throw sourceFailure.failure();
            }
            throw refusal(e);
        }
    }

    /**
     * Reads the decrypted SignedData to its end, which is when the tag (GCM) or padding (CBC) is checked.
     * Whatever went wrong inside tampered ciphertext is reported as DECRYPTION_FAILED, so a sender learns
     * nothing about where the damage was.
     */
    private SignedPart readSigned(EnvelopeOpener.Decrypting envelope) throws PackageRejected, IOException {
        InputStream decrypted = envelope.content().getContentStream();
        SignedPart signed;
        try {
            signed = SignedPart.read(envelope.content(), limits, workDir);
        } catch (PackageRejected | IOException | CMSException | RuntimeException e) {
            if (isCipherFailure(e)) {
                throw decryptionFailed();
            }
            if (sourceFailure(e) != null || e instanceof LimitedInputStream.LimitExceeded || e instanceof StreamOverflowException) {
                throw e instanceof PackageRejected p ? p : refusal(e);
            }
            drainOrRefuse(decrypted);
            if (e instanceof PackageRejected p && p.reason() == RejectReason.NOT_SIGNED && !envelope.cipher().endsWith("GCM")) {
                // CBC checks nothing but padding: a key that failed to unwrap goes on as a random one, and 1 in 256
                // random keys passes the padding check and yields bytes that are not CMS. Answering NOT_SIGNED then
                // would tell a damaged PKCS#1 v1.5 key from a good one (a padding oracle); the two must look alike.
                throw decryptionFailed();
            }
            throw e instanceof PackageRejected p ? p : refusal(e);
        }
        try {
            drainOrRefuse(decrypted);
        } catch (PackageRejected e) {
            signed.content().close();
            throw e;
        }
        return signed;
    }

    /**
     * S/MIME: the decrypted MIME entity goes to a spool in full first, which is when the tag (GCM) or
     * padding (CBC) is checked; only then is it parsed. As for CMS, content that does not even look
     * signed after CBC decryption is answered as DECRYPTION_FAILED (no padding oracle).
     */
    private SignedPart readSmime(EnvelopeOpener.Decrypting envelope) throws PackageRejected, IOException, CMSException {
        Spool decrypted = Spool.create(workDir);
        try {
            InputStream in = new LimitedInputStream(envelope.content().getContentStream(), "the decrypted content", limits.maxContentBytes());
            byte[] buffer = new byte[64 * 1024];
            try (java.io.OutputStream out = decrypted.openForWriting()) {
                int n;
                while ((n = readDecrypted(in, buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
            try {
                return SmimeSigned.read(decrypted, limits, workDir);
            } catch (PackageRejected e) {
                if (e.reason() == RejectReason.NOT_SIGNED && !envelope.cipher().endsWith("GCM")) {
                    throw decryptionFailed();
                }
                throw e;
            }
        } finally {
            decrypted.close();
        }
    }

    /** A read of the decrypting stream: its failures are the ciphertext's, unless the source or a limit failed. */
    private static int readDecrypted(InputStream in, byte[] buffer) throws PackageRejected, IOException {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SourceStream.SourceFailed || t instanceof LimitedInputStream.LimitExceeded) {
                    throw e;
                }
            }
            throw decryptionFailed();
        }
    }

    private static void drainOrRefuse(InputStream decrypted) throws PackageRejected, IOException {
        try {
            decrypted.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (SourceStream.SourceFailed e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw decryptionFailed();
        }
    }

    /** The tag or padding check failed somewhere below the parser that was reading. */
    private static boolean isCipherFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GcmDecryptingInputStream.TagMismatch || t instanceof javax.crypto.BadPaddingException
                    || t instanceof org.bouncycastle.crypto.InvalidCipherTextException
                    || t instanceof org.bouncycastle.crypto.io.InvalidCipherTextIOException) {
                return true;
            }
        }
        return false;
    }

    private static PackageRejected decryptionFailed() {
        return new PackageRejected(RejectReason.DECRYPTION_FAILED, "the package cannot be decrypted: it was damaged or "
                + "altered in transit, or encrypted with a key that does not match; seal and send it again");
    }

    private PackageRejected refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitedInputStream.LimitExceeded limit) {
                return new PackageRejected(RejectReason.TOO_LARGE, limit.what + " is larger than the allowed " + limit.limit + " bytes");
            }
            if (t instanceof StreamOverflowException) {
                return new PackageRejected(RejectReason.TOO_LARGE,
                        "the compressed content expands beyond the allowed " + limits.maxExpandedBytes() + " bytes");
            }
            if (t instanceof PackageRejected rejected) {
                return rejected;
            }
        }
        if (e instanceof StackOverflowError || causeText(e).contains("nested construction")) {
            return new PackageRejected(RejectReason.MALFORMED, "the package is nested too deeply to be a valid sealed package");
        }
        return new PackageRejected(RejectReason.MALFORMED, "the package is not a valid CMS structure ("
                + e.getClass().getSimpleName() + "); send the output of 'openssl cms -encrypt' or 'dragongate seal' unchanged");
    }

    private static String causeText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(' ');
        }
        return text.toString();
    }

    private static SourceStream.SourceFailed sourceFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceStream.SourceFailed failed) {
                return failed;
            }
        }
        return null;
    }

    private static void closeQuietly(SignedPart signed) {
        if (signed != null) {
            signed.content().close();
        }
    }

    /** Marks failures of the source itself, so a broken connection is never blamed on the package. */
    static final class SourceStream extends FilterInputStream {
        static final class SourceFailed extends IOException {
            private static final long serialVersionUID = 1L;

            SourceFailed(IOException cause) {
                super("reading the package source failed: " + cause.getMessage(), cause);
            }

            IOException failure() {
                return (IOException) getCause();
            }
        }

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceFailed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceFailed(e);
            }
        }
    }
}
