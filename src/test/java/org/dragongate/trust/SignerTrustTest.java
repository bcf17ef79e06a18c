package org.dragongate.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.dragongate.crypto.Certificates;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals of a signer whose registered certificate is out of use name the certificate, the date and
 * what the partner must do; revocation that must be checked is never skipped without a trace.
 */
class SignerTrustTest {
    private static final String CN = "CN-GACC";
    private static final String CRL_URL = "http://crl.cn-gacc.example/ca.crl";

    @TempDir
    Path dir;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final FakeTime time = new FakeTime(now);

    @Test
    void aPinnedCertificateTheAdministratorsRevokedIsNamedWithTheDateAndWhatToDo() {
        Issued signer = TestCertificates.authority("GACC CA", dir).endEntity("GACC Signer").issue("signer");
        Instant revokedAt = now.minus(2, ChronoUnit.DAYS);
        Partner partner = partner(List.of(), List.of(), List.of(),
                new OutOfUseCertificate(signer.certificate(), false, now.minus(30, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), revokedAt,
                        "key compromise (internal note)"));

        PackageRejected refusal = refused(partner, signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_REVOKED);
        assertThat(refusal.getMessage()).contains(signer.certificate().getSubjectX500Principal().getName(),
                "serial " + signer.certificate().getSerialNumber().toString(16), "SHA-256 " + fingerprint(signer.certificate()).substring(0, 16),
                "revoked by the gateway administrators on " + revokedAt, "registered for partner 'CN-GACC'",
                "sign with your current certificate, or ask the gateway administrators to import your new one")
                .as("the administrators' reason stays with them").doesNotContain("internal note");
    }

    /** A rollover's agreed date passed: the old certificate is still valid but no longer accepted, and the partner is told when it stopped. */
    @Test
    void aPinnedCertificateWhoseWindowOfUseEndedSaysWhen() {
        Issued signer = TestCertificates.authority("GACC CA", dir).endEntity("GACC Old Signer").issue("old");
        Instant until = now.minus(1, ChronoUnit.HOURS);

        PackageRejected refusal = refused(partner(List.of(), List.of(), List.of(),
                new OutOfUseCertificate(signer.certificate(), false, now.minus(1, ChronoUnit.DAYS), until, null, null)), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_OUTSIDE_USE_WINDOW);
        assertThat(refusal.getMessage()).contains("window of use ended on " + until, "valid until " + signer.certificate().getNotAfter().toInstant());
    }

    @Test
    void aPinnedCertificateWhoseWindowStartsLaterSaysFromWhen() {
        Issued signer = TestCertificates.authority("GACC CA", dir).endEntity("GACC Next Signer").issue("next");
        Instant from = now.plus(3, ChronoUnit.DAYS);

        PackageRejected refusal = refused(partner(List.of(), List.of(), List.of(),
                new OutOfUseCertificate(signer.certificate(), false, from, now.plus(300, ChronoUnit.DAYS), null, null)), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_NOT_YET_VALID);
        assertThat(refusal.getMessage()).contains("may be used only from " + from);
    }

    @Test
    void anExpiredRegisteredCertificateSaysWhenItExpired() {
        Instant notAfter = now.minus(5, ChronoUnit.DAYS);
        Issued signer = TestCertificates.authority("GACC CA", dir).endEntity("GACC Expired Signer")
                .validity(now.minus(400, ChronoUnit.DAYS), notAfter).issue("expired");

        PackageRejected refusal = refused(partner(List.of(), List.of(), List.of(),
                new OutOfUseCertificate(signer.certificate(), false, now.minus(400, ChronoUnit.DAYS), notAfter, null, null)), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_EXPIRED);
        assertThat(refusal.getMessage()).contains("expired on " + notAfter);
    }

    /** The signer itself was never registered, but the CA it chains to was revoked: both are named, the CA as the one to replace. */
    @Test
    void aSignerOfARevokedCaNamesTheCa() {
        Authority ca = TestCertificates.authority("GACC Old CA", dir);
        Issued signer = ca.endEntity("GACC Signer").issue("signer");

        PackageRejected refusal = refused(partner(List.of(), List.of(), List.of(), new OutOfUseCertificate(ca.certificate(), true,
                now.minus(30, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), "rotated")), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_REVOKED);
        assertThat(refusal.getMessage()).contains("signer certificate " + Certificates.describe(signer.certificate()),
                "CA certificate '" + ca.certificate().getSubjectX500Principal().getName(), "SHA-256 " + fingerprint(ca.certificate()).substring(0, 16),
                "import your new CA certificate");
    }

    /** Revoking one signer certificate must stop it even though the CA that issued it is still a trust anchor. */
    @Test
    void aRevokedPinnedCertificateIsRefusedEvenThoughItsCaIsStillTrusted() {
        Authority ca = TestCertificates.authority("GACC CA", dir);
        Issued signer = ca.endEntity("GACC Signer").issue("signer");

        PackageRejected refusal = refused(partner(List.of(ca.certificate()), List.of(), List.of(), new OutOfUseCertificate(signer.certificate(),
                false, now.minus(30, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS), "lost")), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_REVOKED);
    }

    @Test
    void aCaThatPublishesACrlButHasNoneHereIsRefusedNamingTheCaWhereItPublishesAndWhatToDo() {
        Authority ca = TestCertificates.authority("GACC CA", dir);
        Issued signer = ca.endEntity("GACC Signer").crlDistributionPoint(CRL_URL).issue("signer");

        PackageRejected refusal = refused(partner(List.of(ca.certificate()), List.of(), List.of()), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.REVOCATION_UNKNOWN);
        assertThat(refusal.getMessage()).contains("CA '" + ca.certificate().getSubjectX500Principal().getName() + "'", "no CRL of it is registered",
                "publishes it at " + CRL_URL, "'crl refresh'", "'crl import --partner CN-GACC'");
    }

    @Test
    void aCrlPastItsNextUpdateIsNoCurrentCrl() {
        Authority ca = TestCertificates.authority("GACC CA", dir, CRL_URL);
        Issued signer = ca.endEntity("GACC Signer").issue("signer");
        Instant due = now.minus(1, ChronoUnit.DAYS);
        X509CRL stale = ca.crl(now.minus(8, ChronoUnit.DAYS), due);

        PackageRejected refusal = refused(partner(List.of(ca.certificate()), List.of(), List.of(stale)), signer.certificate());

        assertThat(refusal.reason()).isEqualTo(RejectReason.REVOCATION_UNKNOWN);
        assertThat(refusal.getMessage()).contains("was due for renewal on " + due);
    }

    @Test
    void aCurrentCrlThatDoesNotListTheSignerLetsItThrough() throws Exception {
        Authority ca = TestCertificates.authority("GACC CA", dir, CRL_URL);
        Issued signer = ca.endEntity("GACC Signer").crlDistributionPoint(CRL_URL).issue("signer");
        Partner partner = partner(List.of(ca.certificate()), List.of(), List.of(ca.crl(now.minus(1, ChronoUnit.DAYS), now.plus(6, ChronoUnit.DAYS))));

        SignerTrust.Trusted trusted = new SignerTrust(PartnerDirectory.of(partner), time).trust(signer.certificate(), List.of(), CN);

        assertThat(trusted.partner().id()).isEqualTo(CN);
        assertThat(trusted.revocationWaiver()).isNull();
    }

    /** The explicit policy choice: accepted, with the reason on record for the audit trail, never silently. */
    @Test
    void acceptAuditedAcceptsWithoutACurrentCrlAndSaysSo() throws Exception {
        Authority ca = TestCertificates.authority("GACC CA", dir);
        Issued signer = ca.endEntity("GACC Signer").crlDistributionPoint(CRL_URL).issue("signer");

        SignerTrust.Trusted trusted = new SignerTrust(PartnerDirectory.of(partner(List.of(ca.certificate()), List.of(), List.of())), time,
                RevocationPolicy.ACCEPT_AUDITED).trust(signer.certificate(), List.of(), CN);

        assertThat(trusted.partner().id()).isEqualTo(CN);
        assertThat(trusted.revocationWaiver()).startsWith("revocation NOT checked (gateway.revocation.on-missing-crl = accept-audited)")
                .contains(ca.certificate().getSubjectX500Principal().getName());
    }

    /** An out-of-date CRL still knows what it revoked: accept-audited never lets a listed certificate through. */
    @Test
    void acceptAuditedStillRefusesASignerAnOutOfDateCrlLists() {
        Authority ca = TestCertificates.authority("GACC CA", dir, CRL_URL);
        Issued signer = ca.endEntity("GACC Signer").issue("signer");
        X509CRL stale = ca.crl(now.minus(8, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), signer.certificate());
        SignerTrust trust = new SignerTrust(PartnerDirectory.of(partner(List.of(ca.certificate()), List.of(), List.of(stale))), time,
                RevocationPolicy.ACCEPT_AUDITED);

        assertThatThrownBy(() -> trust.trust(signer.certificate(), List.of(), CN)).isInstanceOfSatisfying(PackageRejected.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.CERT_REVOKED));
    }

    @Test
    void thePolicySettingReadsBothWordsAndRefusesOthers() {
        assertThat(RevocationPolicy.of(" Refuse ")).isEqualTo(RevocationPolicy.REFUSE);
        assertThat(RevocationPolicy.of("accept-audited")).isEqualTo(RevocationPolicy.ACCEPT_AUDITED);
        assertThatThrownBy(() -> RevocationPolicy.of("ignore")).hasMessageContaining("refuse or accept-audited");
    }

    private PackageRejected refused(Partner partner, X509Certificate signer) {
        SignerTrust trust = new SignerTrust(PartnerDirectory.of(partner), time);
        try {
            trust.trust(signer, List.of(), partner.id());
        } catch (PackageRejected e) {
            return e;
        }
        throw new AssertionError("the signer was trusted");
    }

    private static Partner partner(List<X509Certificate> anchors, List<X509Certificate> pinned, List<X509CRL> crls, OutOfUseCertificate... outOfUse) {
        return new Partner(CN, CN, anchors, pinned, crls, false, Set.of(), List.of(outOfUse));
    }

    private static String fingerprint(X509Certificate certificate) {
        return Certificates.fingerprint(certificate);
    }
}
