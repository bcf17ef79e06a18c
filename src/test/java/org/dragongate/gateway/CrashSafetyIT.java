package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.mail.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.PartnerMailer;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.GatewayProcess;
import org.dragongate.testing.RecordingContactPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the gateway runs as its own process and is killed with SIGKILL while packages
 * arrive over SFTP and mail and while it delivers them: during intake and delivery, and again
 * while it starts. After the last restart every notice has reached each contact point it is
 * routed to, no package is left behind or lost, and whatever a contact point received twice
 * (a delivery cut off after it was sent, before it was recorded) carries the same Idempotency-Key
 * and the same bytes, so the contact point keeps exactly one copy.
 */
class CrashSafetyIT {
    private static final String MAIL_PASSWORD = "gateway-test";
    /** The test notice is a wildlife alert concerning Viet Nam: routing sends it to these two. */
    private static final List<String> ROUTED_TO = List.of(ExamplePki.VN_ENV_POLICE, ExamplePki.RILO_AP);
    private static final int SFTP_PACKAGES = 24;
    private static final int MAIL_PACKAGES = 6;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @TempDir
    Path base;

    private GatewayFixture sftp;
    private EmbeddedMailServer mail;
    private RecordingContactPoints contactPoints;
    private final List<GatewayProcess> processes = new ArrayList<>();
    private final Map<Path, String> partnerOf = new HashMap<>();

    @BeforeEach
    void startServers() throws Exception {
        sftp = GatewayFixture.start(base);
        mail = EmbeddedMailServer.start(0, 0, MAIL_PASSWORD);
        contactPoints = RecordingContactPoints.start();
    }

    @AfterEach
    void stopServers() throws Exception {
        try {
            for (GatewayProcess process : processes) {
                process.kill();
            }
        } finally {
            contactPoints.close();
            mail.close();
            sftp.close();
        }
    }

    @Test
    void killedDuringIntakeDeliveryAndStartupTheGatewayLosesNothingAndDoublesNothing() throws Exception {
        List<String> partners = ExamplePki.PARTNER_IDS;
        List<Path> sftpPackages = new ArrayList<>();
        for (int i = 0; i < SFTP_PACKAGES; i++) {
            String partner = partners.get(i % partners.size());
            Path sealed = sftp.seal(partner);
            partnerOf.put(sealed, partner);
            sftpPackages.add(sealed);
        }
        Map<Path, ExamplePki.PartnerInfo> mailPackages = new LinkedHashMap<>();
        for (int i = 0; i < MAIL_PACKAGES; i++) {
            ExamplePki.PartnerInfo partner = ExamplePki.PARTNERS.get(i % ExamplePki.PARTNERS.size());
            mailPackages.put(sftp.seal(partner.id()), partner);
        }
        Set<String> references = new TreeSet<>();
        Stream.concat(sftpPackages.stream(), mailPackages.keySet().stream()).forEach(p -> references.add(referenceOf(p)));

        // 1. Killed in the middle of intake and its first deliveries.
        GatewayProcess first = start("run-1");
        upload(sftpPackages.subList(0, 12));
        awaitOrTimeOut(() -> deliveries().size() >= 3, Duration.ofSeconds(60), first);
        first.kill();
        int afterFirst = deliveries().size();

        // 2. Killed again while mail and more SFTP packages arrive and deliveries go on.
        GatewayProcess second = start("run-2");
        for (Map.Entry<Path, ExamplePki.PartnerInfo> sealed : mailPackages.entrySet()) {
            PartnerMailer.send(mail.smtpPort(), sealed.getValue().mailAddress(), EmbeddedMailServer.GATEWAY_ADDRESS, sealed.getKey());
        }
        upload(sftpPackages.subList(12, SFTP_PACKAGES));
        awaitOrTimeOut(() -> deliveries().size() >= afterFirst + 8, Duration.ofSeconds(60), second);
        second.kill();

        // 3. Killed while it starts and takes its first polls.
        GatewayProcess third = start("run-3");
        Thread.sleep(2500);
        third.kill();

        // 4. Runs to the end.
        GatewayProcess last = start("run-4");
        int expected = references.size() * ROUTED_TO.size();
        awaitOrTimeOut(() -> distinctKeys().size() >= expected && inboxesEmpty() && allMailsSeen(), DEADLINE, last);
        last.close();

        Map<String, List<ServeEvent>> byKey = contactPoints.byIdempotencyKey();
        for (String reference : references) {
            for (String contactPoint : ROUTED_TO) {
                assertThat(byKey.keySet()).as("notice %s delivered to %s", reference, contactPoint)
                        .anyMatch(key -> key.contains(reference) && key.endsWith(contactPoint));
            }
        }
        assertThat(byKey).as("one delivery key per notice and contact point, nothing else").hasSize(expected);
        byKey.forEach((key, copies) -> assertThat(copies.stream().map(e -> Arrays.hashCode(e.getRequest().getBody())).distinct())
                .as("every copy sent under %s carries the same bytes", key).hasSize(1));
        assertThat(inboxesEmpty()).as("every SFTP package taken in and moved away").isTrue();
        assertThat(allMailsSeen()).as("every mail taken in and marked").isTrue();
        assertThat(sftp.quarantine().list()).as("nothing refused: every package was valid").isEmpty();
        int resent = deliveries().size() - byKey.size();
        System.out.printf("crash safety: %d notices, %d deliveries, %d requests (%d re-sent after a kill under the same key)%n",
                references.size(), byKey.size(), deliveries().size(), resent);
    }

    private GatewayProcess start(String name) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(sftp.overrides());
        settings.put("camel.main.routes-include-pattern",
                "file:routes/gateway.camel.yaml,file:routes/sftp-intake.camel.yaml,file:routes/mail-intake.camel.yaml");
        settings.put("gateway.contact-points-file",
                contactPoints.directory(base.resolve("contact-points.yaml")).toString());
        settings.put("delivery.poll-period", "200");
        settings.put("delivery.smtp.port", Integer.toString(mail.smtpPort()));
        settings.put("mail.port", Integer.toString(mail.imapPort()));
        settings.put("mail.username", EmbeddedMailServer.GATEWAY_LOGIN);
        settings.put("mail.password", MAIL_PASSWORD);
        settings.put("mail.poll-delay", "300");
        GatewayProcess process = GatewayProcess.start(settings, base.resolve("processes"), name);
        processes.add(process);
        return process;
    }

    private void upload(List<Path> packages) throws Exception {
        for (Path sealed : packages) {
            sftp.upload(partnerOf.get(sealed), sealed, sealed.getFileName().toString());
        }
    }

    /** The partner's own reference of the notice a package carries (TestNotices: PARTNER-uuid). */
    private static String referenceOf(Path sealed) {
        try {
            Matcher id = Pattern.compile("<id>([^<]+)</id>").matcher(Files.readString(GatewayFixture.noticeOf(sealed)));
            assertThat(id.find()).isTrue();
            return id.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<ServeEvent> deliveries() {
        return contactPoints.deliveries();
    }

    private Set<String> distinctKeys() {
        return contactPoints.byIdempotencyKey().keySet();
    }

    private boolean inboxesEmpty() {
        for (String partner : ExamplePki.PARTNER_IDS) {
            try (Stream<Path> files = Files.list(sftp.inbox(partner))) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".p7m"))) {
                    return false;
                }
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return true;
    }

    private boolean allMailsSeen() {
        try {
            var messages = mail.greenMail().getReceivedMessagesForDomain("dragongate.example");
            long toGateway = 0;
            long seen = 0;
            for (var message : messages) {
                if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().contains(EmbeddedMailServer.GATEWAY_ADDRESS))) {
                    toGateway++;
                    if (message.getFlags().contains(Flags.Flag.SEEN)) {
                        seen++;
                    }
                }
            }
            return toGateway == MAIL_PACKAGES && seen == toGateway;
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    /** Waits for the condition; on a timeout the gateway's last log lines say why. */
    private static void awaitOrTimeOut(BooleanSupplier condition, Duration limit, GatewayProcess process) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s; the gateway's last lines:\n" + process.tail(60));
            }
            Thread.sleep(100);
        }
    }
}
