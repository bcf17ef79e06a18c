package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLettersTest {
    @TempDir
    Path data;

    private final FakeTime time = new FakeTime();

    @Test
    void keepsTheSealedBytesAndTheEntryInAFolderOfItsOwn() throws Exception {
        DeadLetters store = new DeadLetters(data, time);

        DeadLetter entry = store.add(delivery("N-1", "VN-CUSTOMS-ASI", null), 3, "gave up after 3 attempts");

        Path folder = data.resolve("dead-letters").resolve(entry.id());
        assertThat(folder.resolve("sealed.p7m")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(store.get(entry.id())).isEqualTo(entry);
        assertThat(entry).extracting(DeadLetter::noticeId, DeadLetter::contactPointId, DeadLetter::attempts, DeadLetter::deadLetteredAt)
                .containsExactly("N-1", "VN-CUSTOMS-ASI", 3, FakeTime.START);
    }

    @Test
    void listsOldestFirst() throws Exception {
        DeadLetters store = new DeadLetters(data, time);
        DeadLetter first = store.add(delivery("N-1", "VN-CUSTOMS-ASI", null), 1, "HTTP 400");
        time.sleep(Duration.ofMinutes(5));
        DeadLetter second = store.add(delivery("N-2", "RILO-AP", null), 1, "HTTP 404");

        assertThat(store.list()).containsExactly(first, second);
    }

    @Test
    void anEmptyStoreListsNothing() throws Exception {
        assertThat(new DeadLetters(data, time).list()).isEmpty();
    }

    /** The token is a secret and the entry is an admin's file: a re-drive takes the token from the directory instead. */
    @Test
    void entryNeverHoldsTheBearerToken() throws Exception {
        DeadLetter entry = new DeadLetters(data, time).add(delivery("N-1", "VN-CUSTOMS-ASI", "s3cr3t-t0ken"), 1, "HTTP 401");

        String json = Files.readString(data.resolve("dead-letters").resolve(entry.id()).resolve("entry.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("VN-CUSTOMS-ASI").doesNotContain("s3cr3t-t0ken");
    }

    /** Ids come from the command line; one must never name a file outside the store. */
    @Test
    void refusesAnIdThatIsNotADeadLetterId() {
        DeadLetters store = new DeadLetters(data, time);

        assertThatThrownBy(() -> store.get("../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.sealedBytes("D-20250301-080000-0000000/../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownIdSaysSo() {
        assertThatThrownBy(() -> new DeadLetters(data, time).get("D-20250301-080000-0badc0de"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no dead letter D-20250301-080000-0badc0de");
    }

    private static SealedDelivery delivery(String noticeId, String contactPointId, String token) {
        return new SealedDelivery(noticeId, new DeliveryTarget(contactPointId, URI.create("https://cp.example/in"), null, token),
                new byte[] {1, 2, 3});
    }
}
