package org.dragongate.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.dragongate.crypto.Certificates;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Issued;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiry-watch route in the running gateway: a partner certificate that ends in ten days is
 * mailed to the administrators through the SMTP relay (GreenMail) once, and not again after a restart.
 */
class ExpiryWatchIT {
    private static final String PARTNER = "XX-EXPIRING";
    private static final String ADMINS = "pki-admins@dragongate.example, oncall@dragongate.example";
    private static final String CHECKED = "expiry check: ";

    @TempDir
    Path dir;

    private GatewayFixture fixture;
    private EmbeddedMailServer relay;
    private String sha256;

    @BeforeEach
    void gatewayDatabaseWithAPartnerCertificateEndingInTenDays() throws Exception {
        fixture = GatewayFixture.start(dir);
        relay = EmbeddedMailServer.start(0, 0, "gateway-secret");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Issued signer = TestCertificates.authority("Expiring Partner CA", dir.resolve("pki")).endEntity("Expiring Partner Signer")
                .ec("secp256r1").validity(now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10))).issue("signer");
        sha256 = Certificates.fingerprint(signer.certificate());
        // The gateway's own database, before the gateway opens it: the watch's first check must already see the certificate.
        try (Database db = Database.open(DatabaseSettings.embedded(fixture.dataDir()))) {
            PartnerRegistry registry = new PartnerRegistry(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC());
            registry.add(new NewPartner(PARTNER, "Expiring Partner", null, null, Set.of(), false), "admin test");
            registry.certificates().importCertificate(PARTNER, signer.certificate().getEncoded(), "signer.pem", null, ImportOptions.DEFAULTS,
                    "admin test");
        }
    }

    @AfterEach
    void stop() throws Exception {
        try {
            fixture.close();
        } finally {
            relay.close();
        }
    }

    @Test
    void theAdministratorsGetOneMailForTheFourteenDayWarningAndNoneAfterARestart() throws Exception {
        fixture.startGateway(settings());
        // The check's line comes after the relay has taken the mail.
        awaitChecks(1);

        assertThat(relay.greenMail().getReceivedMessages()).as("one mail, in each of the two admins' mailboxes").hasSize(2);
        MimeMessage mail = relay.greenMail().getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()).extracting(Object::toString)
                .containsExactly("pki-admins@dragongate.example", "oncall@dragongate.example");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("gateway@dragongate.example");
        assertThat(mail.getSubject()).startsWith("Dragongate: partner " + PARTNER + " certificate expires in ").endsWith("(14-day warning)");
        assertThat((String) mail.getContent()).contains("SHA-256:    " + sha256).contains("CN=Expiring Partner Signer")
                .contains("dragongate cert import --partner " + PARTNER);
        assertThat(fixture.logLines()).filteredOn(line -> line.startsWith("org.dragongate.expiry.ExpiryWatch WARN certificate expires in"))
                .singleElement().asString().contains("(14-day warning): PARTNER " + PARTNER + " pinned signer")
                .contains("sha256 " + sha256.substring(0, 16)).contains("mailed to pki-admins@dragongate.example, oncall@dragongate.example");
        assertThat(fixture.tracking().events("partner:" + PARTNER)).filteredOn(event -> event.startsWith("EXPIRY_WARNING")).hasSize(1);

        fixture.stopGateway();
        fixture.startGateway(settings());
        awaitChecks(2);

        assertThat(checkLines()[1]).contains("1 expiring soon").contains("0 new warnings given");
        assertThat(relay.greenMail().getReceivedMessages()).as("the warning was recorded: a restart does not send it again").hasSize(2);
    }

    private Map<String, String> settings() {
        return Map.of("camel.main.routes-include-pattern", GatewayFixture.SFTP_ROUTES + ",file:routes/expiry-watch.camel.yaml",
                "expiry.first-check-seconds", "0",
                "expiry.mail-to", ADMINS,
                "delivery.smtp.port", Integer.toString(relay.smtpPort()));
    }

    private void awaitChecks(int checks) {
        GatewayFixture.await(checks + " expiry checks", () -> checkLines().length >= checks ? true : null);
    }

    private String[] checkLines() {
        return fixture.logLines().stream().filter(line -> line.startsWith("org.dragongate.expiry INFO " + CHECKED)).toArray(String[]::new);
    }
}
