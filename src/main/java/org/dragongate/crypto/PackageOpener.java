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
import org.dragongate.trust.SignerTrust;

/**
 * Opens a sealed package: decrypts it with one of our active keys, then verifies the partner's
 * signature. Streams from input to spool files; hands nothing on before the authentication tag and
 * the signature have both been checked.
 */
public final class PackageOpener {
    private final EnvelopeOpener envelopes;
    private final SignatureCheck signatures;
    private final PartnerDirectory directory;
    private final OpenLimits limits;
    private final Path workDir;

    public PackageOpener(GatewayKeys keys, PartnerDirectory directory, AlgorithmPolicy policy, OpenLimits limits,
                         Path workDir, Clock clock) {
        this.envelopes = new EnvelopeOpener(keys, policy);
        this.signatures = new SignatureCheck(directory, new SignerTrust(directory, clock), policy, clock);
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
        MessageDigest digest = Spool.newSha256Digest();
        LimitedInputStream raw = new LimitedInputStream(new DigestInputStream(new SourceStream(sealed), digest),
                "the package", limits.maxPackageBytes());
        boolean legacy = directory.find(claimedPartnerId).map(Partner::allowLegacyKeyTransport).orElse(false);
        SignedPart signed = null;
        try {
            EnvelopeOpener.Decrypting envelope = envelopes.open(PackageEncoding.der(raw), legacy);
            signed = readSigned(envelope);
            SignatureCheck.Signer signer = signatures.check(signed, claimedPartnerId);
            raw.transferTo(java.io.OutputStream.nullOutputStream()); // the digest names the whole file, trailing bytes included
            List<Document> documents = MimeDocuments.split(signed.content(), workDir);
            return new OpenedPackage(signer.partner(), signer.certificate(), signer.signingTime(),
                    HexFormat.of().formatHex(digest.digest()), raw.count(), envelope.cipher(),
                    envelope.gatewayCertificate(), signed.content(), documents);
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
        if (e instanceof StackOverflowError || String.valueOf(e.getMessage()).contains("nested construction")) {
            return new PackageRejected(RejectReason.MALFORMED, "the package is nested too deeply to be a valid sealed package");
        }
        return new PackageRejected(RejectReason.MALFORMED, "the package is not a valid CMS structure ("
                + e.getClass().getSimpleName() + "); send the output of 'openssl cms -encrypt' or 'dragongate seal' unchanged");
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
