package org.dragongate.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.dragongate.intake.Channel;
import org.dragongate.intake.ReceivedPackage;
import org.junit.jupiter.api.Test;

class FailedDeliveriesTest {
    private static final ReceivedPackage PACKAGE = new ReceivedPackage("cd".repeat(32), 10, Path.of("x"),
            new Channel(Channel.SFTP, "CN-GACC", "CN-GACC/a.p7m"), Instant.EPOCH, false, ReceivedPackage.PackageForm.CMS);

    @Test
    void failureBeforeTheLastAttemptSaysTheMessageComesAgain() {
        String line = new FailedDeliveries(10).describe(3, new IOException("No space left on device"), PACKAGE);

        assertThat(line).contains("package cdcdcdcdcdcd", "CN-GACC/a.p7m", "attempt 3 of 10", "IOException: No space left on device",
                "delivers it again later").doesNotContain(QueueNames.FAILED);
    }

    /** The administrator must learn where the package went and why, from one line. */
    @Test
    void failureOfTheLastAttemptSaysTheMessageGoesToTheDeadLetterQueue() {
        String line = new FailedDeliveries(10).describe(10, new IllegalStateException("bug"), PACKAGE);

        assertThat(line).contains("attempt 10 of 10", "IllegalStateException: bug", "moves it to " + QueueNames.FAILED);
    }

    @Test
    void unreadableMessageAndUnknownAttemptAreStillDescribed() {
        String line = new FailedDeliveries(5).describe(null, new ReceivedPackageMessage.MalformedMessage("not JSON"), null);

        assertThat(line).contains("a message on " + QueueNames.RECEIVED, "an attempt failed", "not JSON", "delivers it again later");
    }
}
