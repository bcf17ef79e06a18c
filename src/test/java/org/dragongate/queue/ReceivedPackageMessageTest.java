package org.dragongate.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.dragongate.intake.Channel;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.ReceivedPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceivedPackageMessageTest {
    private static final String SHA = "ab".repeat(32);
    private static final Instant RECEIVED_AT = Instant.parse("2025-03-01T08:15:30.123456Z");

    @TempDir
    Path dir;

    private ReceivedPackage received(PackageArchive archive, ReceivedPackage.PackageForm form) {
        return new ReceivedPackage(SHA, 5_000_000_000L, archive.pathOf(SHA),
                new Channel(Channel.MAIL, "AU-ABF", "from intel@au-abf.example message-id <1@au> attachment a.p7m"),
                RECEIVED_AT, false, form);
    }

    @Test
    void readGivesBackWhatWriteWasGiven() throws Exception {
        PackageArchive archive = new PackageArchive(dir.resolve("archive"));
        ReceivedPackageMessage codec = new ReceivedPackageMessage(archive);
        for (ReceivedPackage.PackageForm form : ReceivedPackage.PackageForm.values()) {
            ReceivedPackage original = received(archive, form);

            assertThat(codec.read(codec.write(original))).isEqualTo(original);
        }
    }

    /** A claim check, never the package: the message stays a few hundred bytes whatever the package's size, and names no local path. */
    @Test
    void messageCarriesTheReferenceNotTheBytesNorAPath() {
        PackageArchive archive = new PackageArchive(dir.resolve("archive"));
        String message = new ReceivedPackageMessage(archive).write(received(archive, ReceivedPackage.PackageForm.CMS));

        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThan(512);
        assertThat(message).contains(SHA, "5000000000", "AU-ABF", "2025-03-01T08:15:30.123456Z")
                .doesNotContain(dir.toString(), "archive");
    }

    /** Another instance may mount the shared archive elsewhere: the reader finds the package in its own archive. */
    @Test
    void readerResolvesThePackageThroughItsOwnArchive() throws Exception {
        PackageArchive writer = new PackageArchive(dir.resolve("here"));
        PackageArchive reader = new PackageArchive(dir.resolve("there"));
        String message = new ReceivedPackageMessage(writer).write(received(writer, ReceivedPackage.PackageForm.CMS));

        ReceivedPackage read = new ReceivedPackageMessage(reader).read(message);

        assertThat(read.archivedAt()).isEqualTo(reader.pathOf(SHA)).startsWithRaw(dir.resolve("there"));
    }

    /** The digest becomes a path in the archive: anything but a SHA-256 is refused before it gets near the file system. */
    @Test
    void refusesADigestThatCouldNameAnotherFile() {
        ReceivedPackageMessage codec = new ReceivedPackageMessage(new PackageArchive(dir));
        String valid = codec.write(received(new PackageArchive(dir), ReceivedPackage.PackageForm.CMS));

        for (String digest : new String[] {"../../etc/passwd", SHA.toUpperCase(), SHA.substring(1), SHA + "/x"}) {
            assertThatThrownBy(() -> codec.read(valid.replace(SHA, digest)))
                    .isInstanceOf(ReceivedPackageMessage.MalformedMessage.class).hasMessageContaining("sha256");
        }
    }

    @Test
    void refusesWhatIsNotAMessageOfThisLayout() {
        ReceivedPackageMessage codec = new ReceivedPackageMessage(new PackageArchive(dir));
        String valid = codec.write(received(new PackageArchive(dir), ReceivedPackage.PackageForm.SMIME));

        assertThatThrownBy(() -> codec.read("<xml/>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.read("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.read(valid.replace("\"v\":1", "\"v\":2"))).hasMessageContaining("version");
        assertThatThrownBy(() -> codec.read(valid.replace("\"form\":\"SMIME\"", "\"form\":\"ZIP\""))).hasMessageContaining("form");
        assertThatThrownBy(() -> codec.read(valid.replace("\"size\":5000000000", "\"size\":\"5000000000\""))).hasMessageContaining("size");
        assertThatThrownBy(() -> codec.read(valid.replace("\"size\":5000000000", "\"size\":-1"))).hasMessageContaining("size");
        assertThatThrownBy(() -> codec.read(valid.replace("2025-03-01T08:15:30.123456Z", "yesterday"))).hasMessageContaining("receivedAt");
        assertThatThrownBy(() -> codec.read(valid.replace("\"partner\"", "\"partnerId\""))).hasMessageContaining("partner is missing");
    }
}
