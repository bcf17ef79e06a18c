package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.ContactPointOpen;
import org.dragongate.testing.ContactPointOpen.Opened;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a contact point receives: the gateway's signature, encrypted for it alone, opened with our own {@code open} command. */
class DeliverySealerTest {
    private static final TestPki PKI = TestPki.shared();
    private static final byte[] NOTICE = "<notice xmlns=\"urn:dragongate:notice:1\"><id>N-2025-0042</id></notice>"
            .getBytes(StandardCharsets.UTF_8);
    private static final int EXIT_REJECTED = 3;

    @TempDir
    Path dir;

    private final DeliverySealer sealer = new DeliverySealer(gatewaySigner());

    /** RSA-OAEP for the customs and police RSA keys, ECDH for the environmental police's P-256 key. */
    @ParameterizedTest
    @ValueSource(strings = {ExamplePki.VN_CUSTOMS_ASI, ExamplePki.VN_ENV_POLICE})
    void encryptedDeliveryOpensWithTheContactPointsKeyAndShowsTheGatewayAsSigner(String contactPointId) throws Exception {
        SealedDelivery delivery = sealer.seal("N-2025-0042", NOTICE, encryptedTarget(contactPointId));
        Path sealed = Files.write(dir.resolve("delivery.p7m"), delivery.body());
        Path opened = dir.resolve("opened.xml");

        Opened result = open(contactPointId, sealed, opened);

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(opened)).isEqualTo(NOTICE);
        assertThat(result.stderr()).contains("OK signed by").contains("Dragongate Gateway (signing)");
    }

    /** One signature for all: each contact point opens its own envelope, with the gateway as signer, and only its own. */
    @Test
    void oneNoticeSealedForSeveralContactPointsOpensForEachAlone() throws Exception {
        List<String> contactPoints = List.of(ExamplePki.VN_CUSTOMS_ASI, ExamplePki.VN_ENV_POLICE);
        List<byte[]> sealed = sealer.sealFor(contactPoints.stream().map(DeliverySealerTest::encryptedTarget).toList(), NOTICE);

        assertThat(sealed).hasSize(2);
        for (int i = 0; i < contactPoints.size(); i++) {
            Path file = Files.write(dir.resolve("delivery-" + i + ".p7m"), sealed.get(i));
            Opened mine = open(contactPoints.get(i), file, dir.resolve("opened-" + i + ".xml"));
            Opened theirs = open(contactPoints.get(1 - i), file, dir.resolve("theirs-" + i + ".xml"));

            assertThat(mine.exit()).as(mine.stderr()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("opened-" + i + ".xml"))).isEqualTo(NOTICE);
            assertThat(mine.stderr()).contains("Dragongate Gateway (signing)");
            assertThat(theirs.exit()).isEqualTo(EXIT_REJECTED);
        }
    }

    /** Notices are need-to-know: a delivery for one contact point is unreadable to the others. */
    @Test
    void anotherContactPointCannotOpenIt() throws Exception {
        SealedDelivery delivery = sealer.seal("N-2025-0042", NOTICE, encryptedTarget(ExamplePki.VN_CUSTOMS_ASI));
        Path sealed = Files.write(dir.resolve("delivery.p7m"), delivery.body());

        Opened result = open(ExamplePki.VN_DRUG_POLICE, sealed, dir.resolve("opened.xml"));

        assertThat(result.exit()).isEqualTo(EXIT_REJECTED);
        assertThat(dir.resolve("opened.xml")).doesNotExist();
    }

    /**
     * A contact point without an encryption certificate gets the notice signed only; it verifies it
     * against the gateway CA with OpenSSL ({@code open} takes encrypted packages only).
     */
    @Test
    void signedOnlyDeliveryVerifiesAgainstTheGatewayCaWithOpenSsl() throws Exception {
        SealedDelivery delivery = sealer.seal("N-2025-0042", NOTICE,
                new DeliveryTarget(ExamplePki.RILO_AP, URI.create("https://rilo.example/notices"), null, null));
        Path sealed = Files.write(dir.resolve("delivery.p7m"), delivery.body());
        Path verified = dir.resolve("verified.xml");

        OpenSsl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", sealed.toString(),
                "-CAfile", PKI.gatewayFile(ExamplePki.CA_CERT_FILE).toString(), "-out", verified.toString());

        assertThat(Files.readAllBytes(verified)).isEqualTo(NOTICE);
    }

    @Test
    void signedOnlyDeliveryIsCmsSignedDataWithSignedAttributes() throws Exception {
        SealedDelivery delivery = sealer.seal("N-2025-0042", NOTICE,
                new DeliveryTarget(ExamplePki.RILO_AP, URI.create("https://rilo.example/notices"), null, null));
        Path sealed = Files.write(dir.resolve("delivery.p7m"), delivery.body());

        String printed = OpenSsl.output("cms", "-cmsout", "-print", "-inform", "DER", "-in", sealed.toString());

        assertThat(printed).contains("contentType: pkcs7-signedData").contains("signedAttrs:")
                .contains("messageDigest").contains("signingTime");
    }

    @Test
    void deliveryCarriesTheIdempotencyKeyOfNoticeAndContactPoint() throws Exception {
        SealedDelivery delivery = sealer.seal("N-2025-0042", NOTICE, encryptedTarget(ExamplePki.VN_CUSTOMS_ASI));

        assertThat(delivery.idempotencyKey()).isEqualTo("N-2025-0042__VN-CUSTOMS-ASI");
    }

    /** Records print every field; the bearer token is a secret and must not reach a log line that prints the target. */
    @Test
    void targetNeverPrintsItsBearerToken() {
        DeliveryTarget target = new DeliveryTarget("VN-CUSTOMS-ASI", URI.create("https://cp.example/in"), null, "s3cr3t-t0ken");

        assertThat(target.toString()).doesNotContain("s3cr3t-t0ken").contains("bearer token");
    }

    private static KeyMaterial gatewaySigner() {
        try {
            return org.dragongate.crypto.KeyFiles.load(PKI.gatewayFile(ExamplePki.SIGNING + ".p12"), TestPki.password(), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DeliveryTarget encryptedTarget(String contactPointId) {
        return new DeliveryTarget(contactPointId, URI.create("https://cp.example/" + contactPointId),
                PKI.contactPointKey(contactPointId).certificate(), null);
    }

    private Opened open(String contactPointId, Path sealed, Path out) {
        return ContactPointOpen.open(contactPointId, sealed, out, dir);
    }
}
