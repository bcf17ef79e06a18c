package org.dragongate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.main.Main;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.demo.ContactPointReceiver;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.EmbeddedSftpServer;
import org.dragongate.demo.PartnerMailer;
import org.dragongate.demo.PartnerUploader;
import org.dragongate.gateway.GatewayApplication;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.quarantine.QuarantineEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole gateway on one machine: an embedded SFTP server with an account per example partner,
 * an embedded mail server with the gateway's mailbox, a contact-point receiver, and the gateway
 * itself with the routes from routes/. Sends three sample packages, shows what became of them,
 * then keeps running for your own packages until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts embedded SFTP and mail servers, a contact-point receiver and the gateway; sends sample packages.",
                "Keeps running until Ctrl-C (or stops after the samples with --exit)."})
public final class DemoCommand implements Callable<Integer> {
    static final String GATEWAY_PASSWORD = "gateway-demo";

    @Option(names = "--sftp-port", description = "SFTP port (default ${DEFAULT-VALUE}; 0 for any free port).")
    int sftpPort = 2222;

    @Option(names = "--smtp-port", description = "SMTP port (default ${DEFAULT-VALUE}).")
    int smtpPort = 3025;

    @Option(names = "--imap-port", description = "IMAP port (default ${DEFAULT-VALUE}).")
    int imapPort = 3143;

    @Option(names = "--receiver-port", description = "Contact-point receiver HTTP port (default ${DEFAULT-VALUE}; the endpoints in config/contact-points.yaml use it).")
    int receiverPort = 8480;

    @Option(names = "--api-port", description = "Port of the admin API and web console (default: api.port of the settings, 8481).")
    Integer apiPort;

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo state (default ${DEFAULT-VALUE}).")
    Path dir = Path.of("data", "demo");

    @Option(names = "--config", paramLabel = "FILE", description = "Gateway settings (default ${DEFAULT-VALUE}).")
    Path config = Path.of("config", "application.properties");

    @Option(names = "--keys", paramLabel = "DIR", description = "Example PKI (default ${DEFAULT-VALUE}).")
    Path keys = Path.of(ExamplePki.DEFAULT_OUT_DIR);

    @Option(names = "--exit", description = "Stop after the sample packages have been processed.")
    boolean exitAfterSamples;

    @Option(names = "--no-samples", description = "Do not send the sample packages.")
    boolean noSamples;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Path gatewayData = dir.resolve("gateway");
        Map<String, String> partnerPasswords = new LinkedHashMap<>();
        for (String partner : ExamplePki.PARTNER_IDS) {
            partnerPasswords.put(partner, partnerPassword(partner));
        }
        try (EmbeddedSftpServer sftp = EmbeddedSftpServer.start(dir.resolve("sftp"), dir.resolve("sftp-state"), sftpPort,
                     partnerPasswords, GATEWAY_PASSWORD);
             EmbeddedMailServer mail = EmbeddedMailServer.start(smtpPort, imapPort, GATEWAY_PASSWORD);
             ContactPointReceiver receiver = ContactPointReceiver.start(receiverPort, dir.resolve("contact-points"))) {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("gateway.data-dir", gatewayData.toString());
            overrides.put("sftp.port", Integer.toString(sftp.port()));
            overrides.put("sftp.known-hosts-file", sftp.knownHosts().toString());
            overrides.put("sftp.password", GATEWAY_PASSWORD);
            overrides.put("mail.host", "127.0.0.1");
            overrides.put("mail.port", Integer.toString(mail.imapPort()));
            overrides.put("mail.username", EmbeddedMailServer.GATEWAY_LOGIN);
            overrides.put("mail.password", GATEWAY_PASSWORD);
            if (apiPort != null) {
                overrides.put("api.port", Integer.toString(apiPort));
            }
            Main gateway = GatewayApplication.create(config, overrides);
            gateway.start();
            try {
                printGuide(console, sftp, mail, receiver, gatewayData, gateway);
                if (!noSamples) {
                    sendSamples(console, sftp, mail, gatewayData);
                }
                if (!exitAfterSamples) {
                    console.println("Running. Press Ctrl-C to stop.");
                    CountDownLatch stop = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                    stop.await();
                }
            } finally {
                gateway.stop();
            }
        }
        return 0;
    }

    static String partnerPassword(String partnerId) {
        return partnerId.toLowerCase(Locale.ROOT) + "-demo";
    }

    private void printGuide(PrintStream console, EmbeddedSftpServer sftp, EmbeddedMailServer mail, ContactPointReceiver receiver,
                            Path gatewayData, Main gateway) {
        console.println("Dragongate demo");
        console.println("  SFTP    127.0.0.1:" + sftp.port() + "  partner accounts " + String.join(", ", ExamplePki.PARTNER_IDS)
                + " (password: the id in lower case + '-demo', e.g. cn-gacc-demo); files under " + sftp.root());
        console.println("  Mail    SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:" + mail.imapPort()
                + ", gateway mailbox " + EmbeddedMailServer.GATEWAY_ADDRESS);
        console.println("  Contact-point receiver http://127.0.0.1:" + receiver.port() + "/contact-points/<ID> -> " + dir.resolve("contact-points"));
        console.println("  Gateway data " + gatewayData + " (opened/, quarantine/, archive/)");
        console.println();
        console.println("Send your own package over SFTP (upload under a temporary name, then rename):");
        console.println("  java -jar target/dragongate.jar seal --key " + keys + "/partners/CN-GACC/signer.p12 --key-password "
                + ExamplePki.DEMO_PASSWORD + " --to " + keys + "/gateway/encryption.pem --out my.p7m examples/notice-alert.xml");
        console.println("  printf 'put my.p7m my.p7m.part\\nrename my.p7m.part my.p7m\\n' | sftp -P " + sftp.port()
                + " -o UserKnownHostsFile=" + sftp.knownHosts() + " CN-GACC@127.0.0.1    # password cn-gacc-demo");
        console.println("Send it by mail instead (as intel@cn-gacc.example, to " + EmbeddedMailServer.GATEWAY_ADDRESS + "):");
        console.println("  java -jar target/dragongate.jar send-mail --smtp-port " + mail.smtpPort() + " --from intel@cn-gacc.example my.p7m");
        console.println("Refused packages: java -jar target/dragongate.jar quarantine list --data-dir " + gatewayData);
        console.println("A package's history: java -jar target/dragongate.jar trace <sha256 prefix> --data-dir " + gatewayData);
        console.println("The audit trail's hash chain: java -jar target/dragongate.jar audit verify --data-dir " + gatewayData);
        var camel = gateway.getCamelContext();
        if (Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{api.enabled}}"))) {
            String scheme = Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{api.tls.enabled}}")) ? "https" : "http";
            String server = scheme + "://" + camel.resolvePropertyPlaceholders("{{api.host}}") + ":" + camel.resolvePropertyPlaceholders("{{api.port}}");
            console.println("Administrators: the web console " + server + "/console/ and the REST API " + server
                    + "/api/v1, with a token made by");
            console.println("  java -jar target/dragongate.jar admin-token create --name you --role admin --data-dir " + gatewayData);
        }
        console.println();
    }

    private void sendSamples(PrintStream console, EmbeddedSftpServer sftp, EmbeddedMailServer mail, Path gatewayData)
            throws IOException, InterruptedException {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Path good = seal(ExamplePki.CN_GACC, "notice-alert.xml", samples.resolve("cn-gacc-alert.p7m"));
        PartnerUploader.upload(sftp.port(), sftp.knownHosts(), ExamplePki.CN_GACC, partnerPassword(ExamplePki.CN_GACC),
                good, "alert-" + System.currentTimeMillis() + ".p7m");
        console.println("Sample 1: CN-GACC uploaded a sealed alert over SFTP");

        Path byMail = seal(ExamplePki.AU_ABF, "au-abf-alert.json", samples.resolve("au-abf-alert.p7m"));
        PartnerMailer.send(mail.smtpPort(), "intel@au-abf.example", EmbeddedMailServer.GATEWAY_ADDRESS, byMail);
        console.println("Sample 2: AU-ABF mailed a sealed alert in its own JSON layout (config/mappings/AU-ABF.yaml) as an attachment");

        byte[] tampered = Files.readAllBytes(seal(ExamplePki.CN_GACC, "notice-alert.xml", samples.resolve("cn-gacc-tampered.p7m")));
        tampered[tampered.length - 40] ^= 1;
        Path bad = Files.write(samples.resolve("cn-gacc-tampered.p7m"), tampered);
        PartnerUploader.upload(sftp.port(), sftp.knownHosts(), ExamplePki.CN_GACC, partnerPassword(ExamplePki.CN_GACC),
                bad, "damaged-" + System.currentTimeMillis() + ".p7m");
        console.println("Sample 3: CN-GACC uploaded a package damaged in transit");

        Quarantine quarantine = new Quarantine(gatewayData.resolve("quarantine"), java.time.Clock.systemUTC());
        Path opened = gatewayData.resolve("opened");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Path notices = gatewayData.resolve("notices");
        Path received = dir.resolve("contact-points");
        // Three deliveries: the wildlife alert to VN-ENV-POLICE and RILO-AP, the narcotics alert to VN-DRUG-POLICE.
        while (Instant.now().isBefore(deadline) && (countDeliveries(received) < 3 || quarantine.list().isEmpty())) {
            Thread.sleep(250);
        }
        console.println();
        console.println("Opened (verified documents, notice first) in " + opened + ":");
        try (var folders = Files.list(opened)) {
            for (Path folder : (Iterable<Path>) folders.sorted()::iterator) {
                try (var files = Files.list(folder)) {
                    console.println("  " + folder.getFileName().toString().substring(0, 12) + "  "
                            + String.join(", ", files.map(f -> f.getFileName().toString()).sorted().toList()));
                }
            }
        } catch (java.nio.file.NoSuchFileException none) {
            console.println("  (nothing yet)");
        }
        console.println("Canonical notices (validated against notice-1.xsd, with provenance) and their routing in " + gatewayData.resolve("notices") + ":");
        try (var folders = Files.list(gatewayData.resolve("notices"))) {
            for (Path folder : (Iterable<Path>) folders.filter(p -> !p.getFileName().toString().startsWith(".")).sorted()::iterator) {
                try (var files = Files.list(folder)) {
                    console.println("  " + folder.getFileName().toString().substring(0, 12) + "  "
                            + String.join(", ", files.map(f -> f.getFileName().toString()).sorted().toList()));
                }
                try (var routings = Files.list(folder)) {
                    for (Path routing : (Iterable<Path>) routings.filter(f -> f.toString().endsWith(".routing")).sorted()::iterator) {
                        for (String line : Files.readAllLines(routing)) {
                            console.println("      -> " + line);
                        }
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException none) {
            console.println("  (nothing yet)");
        }
        console.println("Delivered to the contact-point receiver (signed by the gateway, encrypted for each contact point):");
        try (var folders = Files.list(dir.resolve("contact-points"))) {
            for (Path folder : (Iterable<Path>) folders.sorted()::iterator) {
                try (var files = Files.list(folder)) {
                    console.println("  " + folder + ": " + files.count() + " delivery(ies)");
                }
            }
        } catch (java.nio.file.NoSuchFileException none) {
            console.println("  (nothing yet)");
        }
        console.println("  open one as the contact point would: java -jar target/dragongate.jar open --key " + keys
                + "/contact-points/VN-ENV-POLICE/encryption.p12 --key-password " + ExamplePki.DEMO_PASSWORD + " --trust " + keys
                + "/gateway/ca.pem " + dir.resolve("contact-points").resolve("VN-ENV-POLICE") + "/<file>.p7m");
        console.println("Receipts signed by the gateway, back to the senders (SFTP partners find them in their receipts/ folder):");
        try (var receipts = Files.walk(sftp.root().resolve(EmbeddedSftpServer.INBOX))) {
            receipts.filter(f -> f.getParent().getFileName().toString().equals("receipts") && Files.isRegularFile(f)).sorted()
                    .forEach(f -> console.println("  " + f));
        }
        console.println("  (AU-ABF's receipt went back by mail, to intel@au-abf.example)");
        console.println("Quarantine:");
        for (QuarantineEntry entry : quarantine.list()) {
            console.println("  " + entry.id() + "  " + entry.reason() + "  " + entry.channel() + " " + entry.origin());
        }
        console.println();
    }

    private Path seal(String partnerId, String example, Path out) throws IOException {
        KeyMaterial signer = KeyFiles.load(ExamplePki.partnerDir(keys, partnerId).resolve("signer.p12"),
                ExamplePki.DEMO_PASSWORD.toCharArray(), null);
        KeyMaterial gateway = KeyFiles.load(ExamplePki.gatewayDir(keys).resolve("encryption.p12"),
                ExamplePki.DEMO_PASSWORD.toCharArray(), null);
        try (OutputStream os = Files.newOutputStream(out)) {
            new PackageSealer().seal(signer, List.of(gateway.certificate()), Path.of("examples", example),
                    List.of(Path.of("examples", "bill-of-lading.txt")), SealOptions.defaults(), os);
        }
        return out;
    }

    /** What the contact-point receiver holds: one folder per contact point, one file per delivery. */
    private static long countDeliveries(Path receiverDir) throws IOException {
        if (!Files.isDirectory(receiverDir)) {
            return 0;
        }
        long total = 0;
        try (var folders = Files.list(receiverDir)) {
            for (Path folder : (Iterable<Path>) folders::iterator) {
                total += count(folder);
            }
        }
        return total;
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
