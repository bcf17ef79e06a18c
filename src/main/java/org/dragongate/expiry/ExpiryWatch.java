package org.dragongate.expiry;

import jakarta.mail.MessagingException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns administrators before a certificate expires: a WARN log line and, when configured, a mail, once
 * per certificate and threshold (30, 14, 7, 1 days; and once when it has expired). Run by the
 * {@code expiry-watch} route. Several gateway instances on one database, and restarts, give each
 * warning once: it is recorded ({@code expiry_warning}) in the transaction that sends it, with its audit
 * record; a mail the relay did not take rolls that back, and the warning is tried again at the next check.
 */
public final class ExpiryWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

    /** What one check found and did, for the route's log line. */
    public record Check(int certificates, int warning, int expired, int sent, int failed) {
        @Override
        public String toString() {
            return certificates + " certificates watched, " + warning + " expiring soon, " + expired + " expired; " + sent
                    + " new warnings given" + (failed == 0 ? "" : ", " + failed + " not mailed (tried again at the next check)");
        }
    }

    private enum Outcome { SENT, GIVEN_BEFORE, FAILED }

    /** A mail the relay refused, carried out of the transaction so that it rolls back. */
    private static final class MailFailed extends RuntimeException {
        MailFailed(MessagingException cause) {
            super(cause);
        }
    }

    private final CertificateExpiry expiry;
    private final Database db;
    private final AuditTrail trail;
    private final WarningMail mail;
    private final Clock clock;
    private final String instanceId;

    /** @param mail null when warnings are only logged */
    public ExpiryWatch(CertificateExpiry expiry, Database db, AuditTrail trail, WarningMail mail, Clock clock, String instanceId) {
        this.expiry = expiry;
        this.db = db;
        this.trail = trail;
        this.mail = mail;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** Looks at every certificate and gives the warnings not given yet. */
    public Check check() throws SQLException {
        List<ExpiryStatus> statuses = expiry.statuses();
        int warning = 0;
        int expired = 0;
        int sent = 0;
        int failed = 0;
        for (ExpiryStatus status : statuses) {
            if (!status.needsWarning()) {
                continue;
            }
            if (status.state() == ExpiryStatus.State.EXPIRED) {
                expired++;
            } else {
                warning++;
            }
            switch (warn(status)) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case GIVEN_BEFORE -> { }
            }
        }
        return new Check(statuses.size(), warning, expired, sent, failed);
    }

    private Outcome warn(ExpiryStatus status) throws SQLException {
        Instant now = clock.instant();
        String recipients = mail == null ? null : mail.recipients();
        try {
            boolean sent = db.inTransaction(c -> {
                if (ExpiryWarnings.given(c, status)) {
                    return false;
                }
                // The row first: a watcher on another instance that decides the same now waits for this transaction.
                ExpiryWarnings.claim(c, status, now, instanceId, recipients);
                if (mail != null) {
                    try {
                        mail.send(status);
                    } catch (MessagingException e) {
                        throw new MailFailed(e);
                    }
                }
                trail.append(c, instanceId, AuditEvent.EXPIRY_WARNING, status.ownerKind().subject(status.ownerId()),
                        describe(status) + (recipients == null ? "" : ", mailed to " + recipients));
                return true;
            });
            if (sent) {
                LOG.warn("certificate {}{}", describe(status), recipients == null ? "" : "; mailed to " + recipients);
                return Outcome.SENT;
            }
            return Outcome.GIVEN_BEFORE;
        } catch (MailFailed e) {
            LOG.warn("certificate {}; the mail to {} failed ({}), it is tried again at the next check", describe(status), recipients,
                    e.getCause().toString());
            return Outcome.FAILED;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                LOG.debug("another instance gave the warning for {} at the same time", status.sha256());
                return Outcome.GIVEN_BEFORE;
            }
            throw e;
        }
    }

    /** The certificate's public details: owner, use, subject, fingerprint prefix, not-after, days left. */
    static String describe(ExpiryStatus status) {
        WatchedCertificate certificate = status.certificate();
        return status.summary() + ": " + certificate.ownerKind() + " " + certificate.ownerId() + " " + certificate.purpose()
                + " '" + certificate.subject() + "' sha256 " + certificate.shortSha256() + ", not after " + certificate.notAfter()
                + ", days left " + Math.max(0, status.daysLeft());
    }
}
