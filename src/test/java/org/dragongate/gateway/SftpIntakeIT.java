package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.component.file.remote.RemoteFileConsumer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.testing.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * End to end over SFTP: a real SFTP server (MINA SSHD) with partner accounts, real clients (the
 * OpenSSH {@code sftp} command and the MINA SFTP client), and the gateway started from the routes on
 * disk. Each test drives it from the outside and looks at what it left: the opened documents, the
 * quarantine, the archive, and the files on the server.
 */
class SftpIntakeIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final String AU = ExamplePki.AU_ABF;

    @TempDir
    Path base;

    private GatewayFixture fixture;

    @AfterEach
    void stop() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    private GatewayFixture gateway() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail"));
        return fixture.startGateway();
    }

    /** A package sent the way a partner with OpenSSH would send it reaches the end of today's flow, and leaves the inbox for the archive folder. */
    @Test
    void packageUploadedWithOpenSshSftpIsOpenedAndMovedToTheArchiveFolder() throws Exception {
        GatewayFixture gw = gateway();
        Path sealed = gw.seal(CN);

        openSshSftp(gw, CN, "put \"" + sealed + "\" alert-1.p7m.part", "rename alert-1.p7m.part alert-1.p7m");

        String sha = GatewayFixture.sha256(sealed);
        Path opened = gw.awaitOpened(sha);
        assertThat(opened.resolve("1-document")).hasSameBinaryContentAs(GatewayFixture.noticeOf(sealed));
        Path done = gw.awaitMovedToDone(sha);
        assertThat(done.getFileName().toString()).startsWith("alert-1.p7m");
        assertThat(gw.inbox(CN).resolve("alert-1.p7m")).doesNotExist();
        assertThat(gw.quarantine().list()).isEmpty();
        // The flow goes on to the common schema: the notice, validated, with the gateway's provenance.
        Path notice = gw.dataDir().resolve("notices").resolve(sha).resolve("notice-000001.xml");
        GatewayFixture.await("the canonical notice", () -> Files.exists(notice) ? notice : null);
        assertThat(Files.readString(notice)).contains("xmlns=\"urn:dragongate:notice:1\"")
                .contains("<partner>CN-GACC</partner>").contains("<packageSha256>" + sha + "</packageSha256>")
                .contains("<channel>sftp</channel>");
        // And the partner gets a signed receipt in its own folder.
        Path receipt = GatewayFixture.await("the receipt", () -> {
            try (var files = Files.list(gw.inbox(CN).resolve("receipts"))) {
                return files.filter(f -> f.getFileName().toString().startsWith("receipt-" + sha.substring(0, 12) + "-ACCEPTED")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        assertThat(Files.size(receipt)).isPositive();
    }

    /** A package the gateway cannot decrypt is set aside with its reason, and does not hold up the packages behind it. */
    @Test
    void tamperedPackageIsQuarantinedAsDecryptionFailedAndTheNextPackageStillFlows() throws Exception {
        GatewayFixture gw = gateway();
        byte[] bytes = Files.readAllBytes(gw.seal(CN));
        bytes[bytes.length - 40] ^= 1;
        Path tampered = Files.write(base.resolve("tampered.p7m"), bytes);
        Path good = gw.seal(CN);

        gw.upload(CN, tampered, "damaged.p7m");
        gw.upload(CN, good, "after-damaged.p7m");

        QuarantineEntry entry = gw.awaitQuarantined(GatewayFixture.sha256(tampered));
        assertThat(entry.reason()).isEqualTo("DECRYPTION_FAILED");
        assertThat(entry.channel()).isEqualTo("sftp");
        assertThat(entry.partnerId()).isEqualTo(CN);
        assertThat(entry.origin()).isEqualTo(CN + "/damaged.p7m");
        assertThat(gw.quarantine().packageOf(entry.id())).hasBinaryContent(bytes);
        gw.awaitOpened(GatewayFixture.sha256(good));
        gw.awaitMovedToDone(GatewayFixture.sha256(tampered));
        // Whoever damaged it may not be the partner: no receipt for it, an alert for the administrators instead.
        GatewayFixture.await("the admin alert", () -> gw.logLines().stream().filter(l -> l.contains("ADMIN ALERT")
                && l.contains(GatewayFixture.sha256(tampered))).findFirst().orElse(null));
        try (var receipts = Files.list(gw.inbox(CN).resolve("receipts"))) {
            assertThat(receipts.map(f -> f.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("receipt-" + GatewayFixture.sha256(tampered).substring(0, 12)));
        }
    }

    /** The inbox folder says who claims to send; a package signed by anyone else is refused, whatever its signature's validity. */
    @Test
    void packageSignedByAnotherPartnerIsQuarantinedAsSignerNotPartner() throws Exception {
        GatewayFixture gw = gateway();
        Path foreign = gw.seal(AU);
        Path good = gw.seal(CN);

        gw.upload(CN, foreign, "from-au.p7m");
        gw.upload(CN, good, "from-cn.p7m");

        QuarantineEntry entry = gw.awaitQuarantined(GatewayFixture.sha256(foreign));
        assertThat(entry.reason()).isEqualTo("SIGNER_NOT_PARTNER");
        assertThat(entry.partnerId()).isEqualTo(CN);
        gw.awaitOpened(GatewayFixture.sha256(good));
        assertThat(gw.dataDir().resolve("opened").resolve(GatewayFixture.sha256(foreign))).doesNotExist();
    }

    /** Partners upload under a temporary name: the gateway must not take a file that may still be growing. */
    @Test
    void fileStillUploadingUnderATemporaryNameIsTakenOnlyAfterTheRename() throws Exception {
        GatewayFixture gw = gateway();
        Path sealed = gw.seal(CN);
        Path hidden = gw.seal(CN);
        try (GatewayFixture.PartnerSftp partner = gw.sftp(CN)) {
            partner.put(sealed, "x.p7m.part");
            partner.put(hidden, ".x.p7m");
            gw.awaitPolls(4);
            assertThat(gw.inbox(CN).resolve("x.p7m.part")).hasSameBinaryContentAs(sealed);
            assertThat(gw.inbox(CN).resolve(".x.p7m")).hasSameBinaryContentAs(hidden);
            assertThat(gw.archived(GatewayFixture.sha256(sealed))).isFalse();
            assertThat(gw.archived(GatewayFixture.sha256(hidden))).isFalse();

            partner.sftp().rename("x.p7m.part", "x.p7m");
        }
        gw.awaitOpened(GatewayFixture.sha256(sealed));
        gw.awaitGone(gw.inbox(CN).resolve("x.p7m"));
        assertThat(gw.inbox(CN).resolve(".x.p7m")).hasSameBinaryContentAs(hidden);
        assertThat(gw.archived(GatewayFixture.sha256(hidden))).isFalse();
    }

    /** The same bytes under another name are the same package: acknowledged (moved off the inbox) but not opened or delivered twice. */
    @Test
    void renamedCopyOfAPackageAlreadyTakenIsADuplicateByContent() throws Exception {
        GatewayFixture gw = gateway();
        Path sealed = gw.seal(CN);
        String sha = GatewayFixture.sha256(sealed);
        gw.upload(CN, sealed, "first.p7m");
        gw.awaitOpened(sha);
        gw.awaitGone(gw.inbox(CN).resolve("first.p7m"));
        // Opening runs apart from intake now: the copy comes once the flow has finished with the first.
        gw.awaitProcessed(sha);

        gw.upload(CN, sealed, "renamed-copy.p7m");
        gw.awaitGone(gw.inbox(CN).resolve("renamed-copy.p7m"));

        List<Path> done = GatewayFixture.await("both copies in the archive folder",
                () -> GatewayFixture.filesWithSha(gw.doneDir(), sha).size() == 2 ? GatewayFixture.filesWithSha(gw.doneDir(), sha) : null);
        assertThat(done).extracting(p -> p.getFileName().toString()).anySatisfy(n -> assertThat(n).startsWith("renamed-copy.p7m"));
        String shortId = sha.substring(0, 12);
        GatewayFixture.await("the duplicate to be logged", () -> gw.logLines().stream()
                .anyMatch(l -> l.contains(shortId) && l.contains("duplicate")) ? true : null);
        assertThat(gw.logLines()).filteredOn(l -> l.contains("package " + shortId + " opened")).hasSize(1);
        assertThat(listNames(gw.dataDir().resolve("opened"))).containsExactly(sha);
        assertThat(GatewayFixture.filesWithSha(gw.dataDir().resolve("archive"), sha)).hasSize(1);
        assertThat(gw.quarantine().list()).isEmpty();
    }

    // ---- Path tricks: a file name is data, never a path the gateway reads or writes by. ----

    /**
     * Percent-encoded slashes are just characters in a name, never decoded into a path: a name
     * starting with them starts with a dot and is ignored like any hidden file; the same trick
     * further into a name is taken under its literal name, and nothing is written outside our folders.
     */
    @Test
    void nameWithEncodedDotDotSegmentsIsNeverResolvedAsAPath() throws Exception {
        GatewayFixture gw = gateway();
        String token = token();
        Snapshot before = Snapshot.of(base);
        String leading = "..%2f..%2f..%2fetc%2f" + token + "-passwd.p7m";
        String inner = "alert..%2f..%2f..%2fetc%2f" + token + ".p7m";
        Path ignored = gw.seal(CN);
        Path taken = gw.seal(CN);

        gw.upload(CN, ignored, leading);
        gw.upload(CN, taken, inner);

        String sha = GatewayFixture.sha256(taken);
        gw.awaitOpened(sha);
        assertThat(gw.awaitMovedToDone(sha).getFileName().toString()).startsWith(inner);
        assertThat(gw.inbox(CN).resolve(leading)).hasSameBinaryContentAs(ignored);
        assertThat(gw.archived(GatewayFixture.sha256(ignored))).isFalse();
        assertNothingEscaped(gw, before, token);
    }

    /** A name made of dots counts as hidden (it starts with '.'): ignored, while the next package flows. */
    @Test
    void nameOfDotsIsIgnoredAndTheNextPackageStillFlows() throws Exception {
        GatewayFixture gw = gateway();
        Snapshot before = Snapshot.of(base);
        Path dots = gw.seal(CN);
        Path good = gw.seal(CN);

        gw.upload(CN, dots, "...p7m");
        gw.upload(CN, good, "next.p7m");

        gw.awaitOpened(GatewayFixture.sha256(good));
        gw.awaitGone(gw.inbox(CN).resolve("next.p7m"));
        assertThat(gw.inbox(CN).resolve("...p7m")).hasSameBinaryContentAs(dots);
        assertThat(gw.archived(GatewayFixture.sha256(dots))).isFalse();
        assertNothingEscaped(gw, before, "...p7m");
    }

    /**
     * A partner account is confined to its inbox: an absolute name climbing out of it, sent by the
     * MINA client and by the OpenSSH client, lands inside it (or is refused), never beside it.
     */
    @Test
    void absoluteNameClimbingOutOfTheInboxStaysInsideIt() throws Exception {
        GatewayFixture gw = gateway();
        String token = token();
        Snapshot before = Snapshot.of(base);
        Path byMina = gw.seal(CN);
        Path byOpenSsh = gw.seal(CN);

        boolean uploaded;
        try {
            gw.upload(CN, byMina, "/../../../" + token + "-mina.p7m");
            uploaded = true;
        } catch (IOException refused) {
            uploaded = false;
        }
        openSshSftp(gw, CN, "-put \"" + byOpenSsh + "\" /../../../" + token + "-openssh.p7m");

        if (uploaded) {
            gw.awaitOpened(GatewayFixture.sha256(byMina));
            assertThat(gw.awaitMovedToDone(GatewayFixture.sha256(byMina)).getFileName().toString()).startsWith(token + "-mina.p7m");
        }
        String openSshSha = GatewayFixture.sha256(byOpenSsh);
        if (!GatewayFixture.filesWithSha(gw.inbox(CN), openSshSha).isEmpty() || !GatewayFixture.filesWithSha(gw.doneDir(), openSshSha).isEmpty()) {
            gw.awaitOpened(openSshSha);
            assertThat(gw.awaitMovedToDone(openSshSha).getFileName().toString()).startsWith(token + "-openssh.p7m");
        }
        Path good = gw.seal(CN);
        gw.upload(CN, good, "next.p7m");
        gw.awaitOpened(GatewayFixture.sha256(good));
        assertNothingEscaped(gw, before, token);
    }

    /** "C:" means nothing on the gateway's POSIX file system, and the gateway never writes by the name anyway. */
    @Test
    void windowsDriveLetterNameIsTakenAsAPlainName() throws Exception {
        GatewayFixture gw = gateway();
        String token = token();
        Snapshot before = Snapshot.of(base);
        Path sealed = gw.seal(CN);

        gw.upload(CN, sealed, "C:" + token + ".p7m");

        String sha = GatewayFixture.sha256(sealed);
        gw.awaitOpened(sha);
        assertThat(gw.awaitMovedToDone(sha).getFileName().toString()).startsWith("C:" + token + ".p7m");
        assertNothingEscaped(gw, before, token);
    }

    /**
     * Backslashes are legal name characters on a POSIX server, but Camel's file component turns
     * them into slashes, so a UNC-looking name can be neither read nor moved: it is left on the
     * server untouched (for an administrator to see), without a failed retrieval and a warning on
     * every poll, and the packages behind it still flow.
     */
    @Test
    void uncLikeNameWithBackslashesIsLeftUntouchedAndTheNextPackageStillFlows() throws Exception {
        GatewayFixture gw = gateway();
        String token = token();
        Snapshot before = Snapshot.of(base);
        Path unc = gw.seal(CN);
        Path good = gw.seal(CN);
        String name = "\\\\server\\share\\" + token + ".p7m";

        gw.upload(CN, unc, name);
        gw.upload(CN, good, "next.p7m");

        gw.awaitOpened(GatewayFixture.sha256(good));
        gw.awaitPolls(3);
        assertThat(gw.inbox(CN).resolve(name)).hasSameBinaryContentAs(unc);
        assertThat(gw.archived(GatewayFixture.sha256(unc))).isFalse();
        assertThat(gw.logLines()).noneMatch(l -> l.contains(token));
        assertNothingEscaped(gw, before, token);
    }

    /** NUL cannot be part of a POSIX name: the server refuses the upload and creates nothing. */
    @Test
    void nameWithNulIsRefusedByTheServer() throws Exception {
        GatewayFixture gw = gateway();
        String token = token();
        Snapshot before = Snapshot.of(base);
        Path sealed = gw.seal(CN);

        assertThatThrownBy(() -> gw.upload(CN, sealed, token + "\0.p7m")).isInstanceOfSatisfying(SftpException.class,
                refused -> assertThat(refused.getStatus()).isEqualTo(SftpConstants.SSH_FX_INVALID_FILENAME));

        Path good = gw.seal(CN);
        gw.upload(CN, good, "next.p7m");
        gw.awaitOpened(GatewayFixture.sha256(good));
        assertThat(GatewayFixture.filesWithSha(base, GatewayFixture.sha256(sealed)))
                .as("only the test's own copy of the package").containsExactly(sealed);
        assertNothingEscaped(gw, before, token);
    }

    /** A name with a newline or an escape sequence must not forge log lines or drive the administrator's terminal. */
    @Test
    void controlCharactersInANameAreEscapedInTheQuarantineEntryAndTheLog() throws Exception {
        GatewayFixture gw = gateway();
        String token = token();
        Snapshot before = Snapshot.of(base);
        Path foreign = gw.seal(AU);
        String name = "evil\n" + token + " INFO forged line\u001b[31m.p7m";

        gw.upload(CN, foreign, name);

        QuarantineEntry entry = gw.awaitQuarantined(GatewayFixture.sha256(foreign));
        assertThat(entry.reason()).isEqualTo("SIGNER_NOT_PARTNER");
        assertThat(entry.origin()).isEqualTo(CN + "/evil\\u000a" + token + " INFO forged line\\u001b[31m.p7m");
        assertThat(gw.logLines()).filteredOn(l -> l.contains(token)).isNotEmpty()
                .allSatisfy(l -> assertThat(l).doesNotContain("\n", "\u001b"));
        assertNothingEscaped(gw, before, token);
    }

    /** The server forbids links, so a partner cannot point a file in its inbox at anything outside it. */
    @Test
    void symlinkCannotBeCreatedOverSftp() throws Exception {
        GatewayFixture gw = gateway();
        Path secret = Files.writeString(Files.createDirectories(base.resolve("outside")).resolve("secret.p7m"), "secret");
        try (GatewayFixture.PartnerSftp partner = gw.sftp(CN)) {
            partner.put(gw.seal(CN), "real.p7m.part");
            assertThatThrownBy(() -> partner.sftp().symLink("link.p7m", "real.p7m.part")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> partner.sftp().symLink("escape.p7m", secret.toString())).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> partner.sftp().link("hard.p7m", "real.p7m.part", false)).isInstanceOf(IOException.class);
        }
        assertThat(gw.inbox(CN).resolve("link.p7m")).doesNotExist();
        assertThat(gw.inbox(CN).resolve("escape.p7m")).doesNotExist();
        assertThat(gw.inbox(CN).resolve("hard.p7m")).doesNotExist();
    }

    /**
     * A link put on the server's disk by someone else (an administrator's mistake, another service)
     * is not followed: the file it points to, here a valid package outside the SFTP root, is never read.
     * The MINA server itself would serve the target to the gateway account; the gateway's file
     * filter, which sees the entry as a link in the directory listing, is what keeps it out.
     */
    @Test
    void symlinkPlantedInAnInboxIsNotFollowed() throws Exception {
        GatewayFixture gw = gateway();
        Path outside = Files.createDirectories(base.resolve("outside"));
        Path target = Files.copy(gw.seal(CN), outside.resolve("secret.p7m"));
        String targetSha = GatewayFixture.sha256(target);
        Path link = Files.createSymbolicLink(gw.inbox(CN).resolve("link.p7m"), target);
        Snapshot before = Snapshot.of(base);
        Path good = gw.seal(CN);

        gw.upload(CN, good, "next.p7m");

        gw.awaitOpened(GatewayFixture.sha256(good));
        gw.awaitPolls(2);
        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
        assertThat(target).exists();
        assertThat(GatewayFixture.sha256(target)).isEqualTo(targetSha);
        assertThat(GatewayFixture.filesWithSha(gw.dataDir(), targetSha)).isEmpty();
        assertThat(GatewayFixture.filesWithSha(gw.doneDir(), targetSha)).isEmpty();
        assertThat(gw.quarantine().list()).isEmpty();
        assertNothingEscaped(gw, before, "secret");
    }

    /**
     * Strict host key checking: the gateway does not log in to a server whose key is not the one in
     * known_hosts, so nothing is taken (Camel gives the reason at DEBUG only; its WARN just says it cannot connect).
     */
    @Test
    void serverWithAnotherHostKeyIsNotTrusted() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path wrongKnownHosts = Files.writeString(base.resolve("known_hosts"),
                "[127.0.0.1]:" + fixture.server().port() + " " + PublicKeyEntry.toString(rsa.generateKeyPair().getPublic()) + "\n");
        Logger connectLog = (Logger) LoggerFactory.getLogger(RemoteFileConsumer.class);
        Level level = connectLog.getLevel();
        connectLog.setLevel(Level.DEBUG);
        try {
            fixture.startGateway(Map.of("sftp.known-hosts-file", wrongKnownHosts.toString()));
            Path sealed = fixture.seal(CN);

            fixture.upload(CN, sealed, "waiting.p7m");
            fixture.awaitPolls(3);

            assertThat(fixture.inbox(CN).resolve("waiting.p7m")).hasSameBinaryContentAs(sealed);
            assertThat(fixture.archived(GatewayFixture.sha256(sealed))).isFalse();
            assertThat(fixture.logLines()).anySatisfy(l -> assertThat(l).contains("Cannot connect/login").contains("HostKey"));
        } finally {
            connectLog.setLevel(level);
        }
    }

    /** sftp.intake-sessions is how many routes share the inbox; together they take every file, each one once. */
    @Test
    void threeIntakeSessionsShareTheInboxAndTakeEveryFile() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail"));
        GatewayFixture gw = fixture.startGateway(Map.of("sftp.intake-sessions", "3"));
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Path sealed = gw.seal(CN);
            gw.upload(CN, sealed, "shared-" + i + ".p7m");
            shas.add(GatewayFixture.sha256(sealed));
        }

        for (String sha : shas) {
            gw.awaitOpened(sha);
            gw.awaitMovedToDone(sha);
        }
        assertThat(gw.gateway().getCamelContext().getRoutes()).filteredOn(r -> r.getRouteId().startsWith("sftp-intake"))
                .extracting(r -> r.getRouteId()).containsExactlyInAnyOrder("sftp-intake-0", "sftp-intake-1", "sftp-intake-2");
        assertThat(gw.quarantine().list()).isEmpty();
        assertThat(gw.logLines()).noneMatch(l -> l.contains("duplicate"));
    }

    /** A count that would open no session, or hundreds, stops the start with the setting's name and its range. */
    @Test
    void anIntakeSessionCountOutOfRangeStopsTheStart() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail"));

        assertThatThrownBy(() -> fixture.startGateway(Map.of("sftp.intake-sessions", "0")))
                .hasStackTraceContaining("sftp.intake-sessions must be from 1 to 16, not 0");
    }

    /** Stopping an idle gateway is quick and takes nothing with it: a file not yet complete stays where the partner left it. */
    @Test
    void stopWhileIdleIsQuickAndLeavesFilesNotYetTakenOnTheServer() throws Exception {
        GatewayFixture gw = gateway();
        Path first = gw.seal(CN);
        gw.upload(CN, first, "first.p7m");
        gw.awaitOpened(GatewayFixture.sha256(first));
        Path pending = gw.seal(CN);
        try (GatewayFixture.PartnerSftp partner = gw.sftp(CN)) {
            partner.put(pending, "pending.p7m.part");
        }
        gw.awaitPolls(1);

        Duration stopping = gw.stopGateway();

        assertThat(stopping).isLessThan(Duration.ofSeconds(10));
        assertThat(gw.inbox(CN).resolve("pending.p7m.part")).hasSameBinaryContentAs(pending);
        assertThat(gw.archived(GatewayFixture.sha256(pending))).isFalse();
    }

    /**
     * Stopping while packages queue up loses none: each is either taken (archived, queued, and moved
     * to the archive folder) or still in the inbox, and a restarted gateway takes the rest: from the
     * inbox, and from the queue, whose journal kept what was queued but not yet opened.
     */
    @Test
    void stopWhileBusyLosesNothingAndARestartTakesTheRest() throws Exception {
        GatewayFixture gw = gateway();
        List<Path> packages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            packages.add(gw.seal(CN));
        }
        try (GatewayFixture.PartnerSftp partner = gw.sftp(CN)) {
            for (int i = 0; i < packages.size(); i++) {
                partner.put(packages.get(i), "batch-" + i + ".p7m.part");
            }
            for (int i = 0; i < packages.size(); i++) {
                partner.sftp().rename("batch-" + i + ".p7m.part", "batch-" + i + ".p7m");
            }
        }
        GatewayFixture.await("a first package to be opened", () -> listNames(gw.dataDir().resolve("opened")).isEmpty() ? null : true);

        assertThat(gw.stopGateway()).isLessThan(Duration.ofSeconds(10));

        for (int i = 0; i < packages.size(); i++) {
            String sha = GatewayFixture.sha256(packages.get(i));
            boolean inInbox = Files.exists(gw.inbox(CN).resolve("batch-" + i + ".p7m"));
            boolean done = !GatewayFixture.filesWithSha(gw.doneDir(), sha).isEmpty();
            assertThat(inInbox ^ done).as("batch-%d is either still in the inbox or in the archive folder", i).isTrue();
            if (done) {
                assertThat(gw.archived(sha)).as("batch-%d moved only after it was archived", i).isTrue();
            }
        }
        gw.startGateway();
        for (Path sealed : packages) {
            gw.awaitOpened(GatewayFixture.sha256(sealed));
            gw.awaitMovedToDone(GatewayFixture.sha256(sealed));
        }
        assertThat(listNames(gw.inbox(CN))).as("only the gateway's receipts folder is left").containsExactly("receipts");
        assertThat(gw.quarantine().list()).isEmpty();
    }

    // ---- helpers ----

    private static List<Path> walkTolerantly(Path root) throws java.io.IOException {
        List<Path> found = new java.util.ArrayList<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                found.add(dir);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                found.add(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /**
     * Nothing was written outside the folders the server and the gateway own: every other file under
     * the test folder is unchanged, the inbox holds only partner folders and the archive folder, the
     * gateway's data dir only names it made itself (digests, ids; never a partner's file name), and
     * no file named with {@code token} exists in the test folder's parent, the working directory or
     * the file system root.
     */
    private static void assertNothingEscaped(GatewayFixture gw, Snapshot before, String token) throws IOException {
        Path inbox = gw.server().root().resolve("inbox");
        Path data = gw.dataDir();
        Path packages = gw.base().resolve("packages");
        Snapshot after = Snapshot.of(gw.base().getParent());
        assertThat(after.without(inbox, data, packages)).isEqualTo(before.without(inbox, data, packages));
        walkTolerantly(inbox).stream().filter(p -> !p.equals(inbox)).map(inbox::relativize).forEach(p -> {
            String first = p.getName(0).toString();
            if (first.equals(".done")) {
                return;
            }
            assertThat(ExamplePki.PARTNER_IDS).as("top folder of %s", p).contains(first);
            boolean gatewayReceipt = p.getNameCount() == 3 && p.getName(1).toString().equals("receipts")
                    && p.getName(2).toString().matches("\\.?receipt-.*");
            assertThat(gatewayReceipt || p.getNameCount() <= 2).as("depth of %s (only the gateway's receipts go deeper)", p).isTrue();
        });
        // The gateway keeps working while this runs (deliveries, receipts): read with a walk that tolerates vanishing files.
        List<Path> dataFiles = walkTolerantly(data);
        dataFiles.stream().filter(p -> !p.equals(data)).map(data::relativize).forEach(p -> {
            for (Path segment : p) {
                assertThat(segment.toString()).as("name the gateway chose in %s", p)
                        .matches("[A-Za-z0-9._-]+").isNotEqualTo("..").doesNotContain(token);
            }
        });
        for (Path place : List.of(gw.base().getParent().getParent(), Path.of("").toAbsolutePath(), Path.of("/"))) {
            try (Stream<Path> entries = Files.list(place)) {
                assertThat(entries.map(p -> p.getFileName().toString())).as("entries of %s", place)
                        .noneMatch(n -> n.contains(token));
            }
        }
    }

    /** Every file under a folder with its size and content hash. */
    private record Snapshot(Path root, Map<Path, String> files) {
        static Snapshot of(Path root) throws IOException {
            Map<Path, String> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isSymbolicLink(p)) {
                        files.put(p, "-> " + Files.readSymbolicLink(p));
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        files.put(p, Files.size(p) + " " + GatewayFixture.sha256(p));
                    } else {
                        files.put(p, "dir");
                    }
                }
            }
            return new Snapshot(root, files);
        }

        Map<Path, String> without(Path... owned) {
            Map<Path, String> rest = new TreeMap<>(files);
            rest.keySet().removeIf(p -> Stream.of(owned).anyMatch(p::startsWith));
            return rest;
        }
    }

    private static List<String> listNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String token() {
        return "dg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * Runs the OpenSSH {@code sftp} command in batch mode as a partner, logging in with a key made by
     * {@code ssh-keygen} and checking the server's host key against its known_hosts.
     */
    private void openSshSftp(GatewayFixture gw, String partnerId, String... batchLines) throws Exception {
        Path key = gw.base().resolve("packages").resolve("openssh-key-" + partnerId);
        if (!Files.exists(key)) {
            run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", partnerId + "-test", "-f", key.toString());
            gw.server().authorizeKey(partnerId, Path.of(key + ".pub"));
        }
        Path batch = Files.writeString(gw.base().resolve("packages").resolve("sftp-batch"), String.join("\n", batchLines) + "\n", StandardCharsets.UTF_8);
        run("sftp", "-b", batch.toString(), "-F", "/dev/null", "-P", Integer.toString(gw.server().port()), "-i", key.toString(),
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "PasswordAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + gw.server().knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
                partnerId + "@127.0.0.1");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0).as("%s: %s", String.join(" ", command), output).isTrue();
    }
}
