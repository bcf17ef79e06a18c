package org.dragongate.crypto;

import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSCompressedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * The inner SignedData, parsed as it streams: the content goes to a spool (digested on the way by
 * the parser), the signer infos and certificates are kept for the checks that follow. Nothing here
 * is trusted yet.
 */
record SignedPart(Spool content, ASN1ObjectIdentifier contentType, SignerInformationStore signers,
                  Store<X509CertificateHolder> certificates) {

    static SignedPart read(CMSTypedStream decrypted, OpenLimits limits, Path workDir)
            throws IOException, CMSException, PackageRejected {
        // OpenSSL encrypts the signed ContentInfo as plain data, so the type is read from the bytes,
        // not from the envelope's declared content type.
        FailureWatch source = new FailureWatch(decrypted.getContentStream());
        BufferedInputStream in = new BufferedInputStream(source, 16 * 1024);
        ASN1ObjectIdentifier type = innerType(in, source);
        if (CMSObjectIdentifiers.compressedData.equals(type)) {
            // Expanded only up to the limit: a small zlib bomb must not become gigabytes on disk.
            CMSTypedStream expanded = new CMSCompressedDataParser(in).getContent(new ZlibExpanderProvider(limits.maxExpandedBytes()));
            in = new BufferedInputStream(expanded.getContentStream(), 16 * 1024);
            type = innerType(in, source);
        }
        if (!CMSObjectIdentifiers.signedData.equals(type)) {
            throw notSigned();
        }
        CMSSignedDataParser parser = new CMSSignedDataParser(digests(), in);
        CMSTypedStream signed = parser.getSignedContent();
        if (signed == null) {
            throw new PackageRejected(RejectReason.NOT_SIGNED,
                    "the signature is detached; attach the content to the signature (openssl cms -sign -nodetach)");
        }
        Spool spool = Spool.create(workDir);
        try {
            spool.fill(new LimitedInputStream(signed.getContentStream(), "the signed content", limits.maxContentBytes()));
            signed.drain();
            @SuppressWarnings("unchecked")
            Store<X509CertificateHolder> certificates = parser.getCertificates();
            return new SignedPart(spool, signed.getContentType(), parser.getSignerInfos(), certificates);
        } catch (IOException | CMSException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /**
     * The peek may read a small package to its end, where the tag (GCM) or padding (CBC) is checked; a
     * failure of the decrypting stream itself (damage, a broken source, a limit) is rethrown for the
     * opener to classify, and only bytes that read fine but are not CMS count as not signed.
     */
    private static ASN1ObjectIdentifier innerType(BufferedInputStream in, FailureWatch source) throws PackageRejected, IOException {
        try {
            return EnvelopeOpener.peekContentType(in);
        } catch (IOException | RuntimeException e) {
            if (source.failure != null) {
                throw source.failure;
            }
            throw notSigned();
        }
    }

    /** Remembers the first failure of the stream below the parser, which the peek would otherwise hide. */
    private static final class FailureWatch extends FilterInputStream {
        private IOException failure;

        FailureWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    private static PackageRejected notSigned() {
        return new PackageRejected(RejectReason.NOT_SIGNED, "the decrypted content is not signed; sign it before "
                + "encrypting (openssl cms -sign -nodetach ... | openssl cms -encrypt ...)");
    }

    private static DigestCalculatorProvider digests() throws CMSException {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new CMSException("no digest provider", e);
        }
    }
}
