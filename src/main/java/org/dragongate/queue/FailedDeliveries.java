package org.dragongate.queue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.dragongate.crypto.Digests;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.store.PackageRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what becomes of a queued package whose processing failed for a reason that is not the
 * package's fault (a full disk, a database outage, a bug): its transaction rolls back, and the
 * broker delivers the message again later, or, after the last attempt, moves it to
 * {@value QueueNames#FAILED}. The gateway takes it from there and records the package as FAILED
 * with its last error, where administrators find it ('failed list') and re-drive it. Nothing is
 * lost either way. The line names the package and the reason, never its content.
 */
public final class FailedDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(FailedDeliveries.class);
    private static final int MAX_ERROR = 300;

    private final int maxAttempts;
    private final PackageRecords records;

    /** @param maxAttempts the broker's setting; an external broker is expected to use the same */
    public FailedDeliveries(int maxAttempts) {
        this(maxAttempts, null);
    }

    /** @param records where each failed attempt's error and the final FAILED state are recorded; null records nothing */
    public FailedDeliveries(int maxAttempts, PackageRecords records) {
        this.maxAttempts = maxAttempts;
        this.records = records;
    }

    /**
     * @param attempt  the broker's delivery count (1 for the first delivery); null if the broker did not say
     * @param received the package, or null when the message itself could not be read
     */
    public void failed(Integer attempt, Throwable cause, ReceivedPackage received) {
        String line = describe(attempt, cause, received);
        if (isLast(attempt)) {
            LOG.error(line, cause);
        } else {
            LOG.warn(line, cause);
        }
        if (received != null && records != null) {
            try {
                records.attemptFailed(received.sha256(), attempt, error(cause));
            } catch (SQLException | RuntimeException e) {
                // The database may be the trouble itself; the log line above already says what failed.
                LOG.warn("the failed attempt at package {} could not be recorded: {}", received.shortId(), error(e));
            }
        }
    }

    /**
     * The broker gave up on the package and moved its message to {@value QueueNames#FAILED}: the package
     * is recorded as FAILED (its message is then acknowledged). A package that was finished meanwhile
     * stays as it is.
     */
    public void gaveUp(ReceivedPackage received) throws SQLException {
        if (records.failed(received.sha256())) {
            LOG.error("package {} from {} failed on every attempt and is recorded as FAILED: 'failed list' shows it, 'failed redrive {}'"
                    + " processes it again once the trouble is over", received.shortId(), received.channel(), received.shortId());
        } else {
            LOG.info("package {} came back from {} but is no longer waiting to be processed; acknowledged", received.shortId(),
                    QueueNames.FAILED);
        }
    }

    /** A message on {@value QueueNames#FAILED} that is not a claim check: nothing to record or re-drive, so it is logged and dropped. */
    public void unreadable(String message, Throwable why) {
        String text = message == null ? "" : message;
        LOG.error("a message on {} is not a claim check this gateway wrote ({}); dropped: {} characters, SHA-256 {}", QueueNames.FAILED,
                why == null ? "unreadable" : why.getMessage(), text.length(), sha256(text));
    }

    String describe(Integer attempt, Throwable cause, ReceivedPackage received) {
        String what = received == null ? "a message on " + QueueNames.RECEIVED : "package " + received.shortId() + " from " + received.channel();
        String which = attempt == null ? "an attempt" : "attempt " + attempt + " of " + maxAttempts;
        String reason = cause == null ? "no reason given" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String next = isLast(attempt)
                ? "that was the last: the broker moves it to " + QueueNames.FAILED + " and the package is recorded as FAILED"
                : "the broker delivers it again later";
        return what + ": " + which + " failed (" + reason + "); " + next;
    }

    /** The exception's type and the first line of its message, short: enough to tell an outage from a bug, never content. */
    static String error(Throwable cause) {
        if (cause == null) {
            return "no reason given";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        String text = cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }

    private boolean isLast(Integer attempt) {
        return attempt != null && attempt >= maxAttempts;
    }

    private static String sha256(String text) {
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
