package org.dragongate.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.dragongate.testing.FakeTime;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.Test;

/** The gateway's directory is read again once it is older than the refresh interval, and not before. */
class RefreshingPartnerDirectoryTest {
    private static final Partner CN = new Partner("CN-GACC", "CN-GACC", List.of(), List.of(), List.of(), false, Set.of());
    private final FakeTime clock = new FakeTime(Instant.parse("2026-05-01T10:00:00Z"));

    @Test
    void aChangeIsSeenAfterTheRefreshIntervalAndAFailedReadKeepsTheLastDirectory() throws SQLException {
        Deque<Object> reads = new ArrayDeque<>(List.of(PartnerDirectory.of(CN), PartnerDirectory.of(), new SQLException("database down")));
        RefreshingPartnerDirectory directory = new RefreshingPartnerDirectory(() -> {
            Object next = reads.poll();
            if (next instanceof SQLException e) {
                throw e;
            }
            return (PartnerDirectory) next;
        }, Duration.ofSeconds(30), clock);

        clock.set(clock.instant().plusSeconds(29));
        assertThat(directory.find("CN-GACC")).as("within the interval").isPresent();
        clock.set(clock.instant().plusSeconds(1));
        assertThat(directory.find("CN-GACC")).as("read again: suspended meanwhile").isEmpty();
        clock.set(clock.instant().plusSeconds(30));
        assertThat(directory.all()).as("the read failed: the last directory stays").isEmpty();
        assertThat(reads).isEmpty();
    }
}
