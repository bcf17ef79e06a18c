package org.dragongate.trust;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.cert.X509Extension;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Where a CA publishes its revocation list: the URIs of a certificate's CRL distribution points, or
 * of a CRL's issuing distribution point. Only what is written there; whether the gateway may fetch
 * a URI (HTTP and HTTPS only) is the fetcher's to decide.
 */
public final class CrlDistributionPoints {
    private CrlDistributionPoints() {
    }

    /** The URIs a certificate names for its issuer's CRL; empty when it names none (or the extension cannot be read). */
    public static List<URI> of(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return List.of();
        }
        try {
            List<URI> uris = new ArrayList<>();
            for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getDistributionPoints()) {
                uris.addAll(uris(point.getDistributionPoint()));
            }
            return uris;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The URIs a CRL names as where it is published; empty when it names none. */
    public static List<URI> of(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (value == null) {
            return List.of();
        }
        try {
            return uris(IssuingDistributionPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getDistributionPoint());
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Whether the certificate names a CRL distribution point at all: its CA says it publishes revocations. */
    public static boolean named(X509Extension certificate) {
        return certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()) != null;
    }

    private static List<URI> uris(DistributionPointName name) {
        List<URI> uris = new ArrayList<>();
        if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
            return uris;
        }
        for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
            if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                try {
                    uris.add(new URI(ASN1IA5String.getInstance(general.getName()).getString()));
                } catch (URISyntaxException e) {
                    // not a URI we could ever fetch; the others may be
                }
            }
        }
        return uris;
    }
}
