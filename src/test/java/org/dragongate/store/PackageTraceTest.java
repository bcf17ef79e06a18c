package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.testing.TrackingRows.sha;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.PackageHistory.TracedDelivery;
import org.dragongate.store.PackageHistory.TracedNotice;
import org.dragongate.store.PackageTrace.Ambiguous;
import org.dragongate.store.PackageTrace.Candidate;
import org.dragongate.store.PackageTrace.Found;
import org.dragongate.store.PackageTrace.Lookup;
import org.dragongate.store.PackageTrace.NotFound;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingRows;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Trace finds a package by any identifier an administrator may have and shows all of its history. */
class PackageTraceTest {
    /** Package one (REF-1 version 1) and two (version 2) share the prefix deadbeef; three is another partner's REF-1. */
    static final String ONE = sha("deadbeef0", '1');
    static final String TWO = sha("deadbeef1", '2');
    static final String THREE = sha("abc", '3');
    static final String REFUSED = sha("bad", '4');
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path temp;

    static Iterable<String> databases() {
        return TestDatabases.kinds();
    }

    /** The rows of four packages, and audit records about them and about something unrelated. */
    static void trackingHistory(Database db) throws SQLException {
        AuditTrail trail = new AuditTrail(Clock.systemUTC());
        db.inTransaction(c -> {
            new TrackingRows(c)
                    .pkg(ONE, "sftp", "CN-GACC", "inbox/CN-GACC/batch-1.p7m", T0, "ACCEPTED", "CN-GACC", null)
                    .notice("CN-GACC/REF-1/1", "CN-GACC", "REF-1", 1, ONE, null, T0.plusSeconds(5))
                    .delivery("CN-GACC/REF-1/1>CP-DE", "CN-GACC/REF-1/1", "CP-DE", "DELIVERED", 1, "HTTP 201", T0.plusSeconds(6))
                    .delivery("CN-GACC/REF-1/1>CP-FR", "CN-GACC/REF-1/1", "CP-FR", "QUEUED", 3, "HTTP 503 Service Unavailable",
                            T0.plusSeconds(6))
                    .pkg(TWO, "mail", "CN-GACC", "partner@gacc.example <m-2@gacc.example>", T0.plusSeconds(3600), "ACCEPTED", "CN-GACC",
                            null)
                    .notice("CN-GACC/REF-1/2", "CN-GACC", "REF-1", 2, TWO, "CN-GACC/REF-1/1", T0.plusSeconds(3605))
                    .delivery("CN-GACC/REF-1/2>CP-DE", "CN-GACC/REF-1/2", "CP-DE", "DELIVERED", 1, "HTTP 201", T0.plusSeconds(3606))
                    .pkg(THREE, "sftp", "SG-ICA", "inbox/SG-ICA/x.p7m", T0.plusSeconds(60), "ACCEPTED", "SG-ICA", null)
                    .notice("SG-ICA/REF-1/1", "SG-ICA", "REF-1", 1, THREE, null, T0.plusSeconds(65))
                    .pkg(REFUSED, "sftp", "CN-GACC", "inbox/CN-GACC/forged.p7m", T0.plusSeconds(120), "QUARANTINED", null,
                            "BAD_SIGNATURE")
                    .quarantine("q-20260301-1", REFUSED, "BAD_SIGNATURE", "the signature does not verify", T0.plusSeconds(121));
            trail.append(c, "gw-1", AuditEvent.RECEIVED, ONE, "sftp inbox/CN-GACC/batch-1.p7m");
            trail.append(c, "gw-1", AuditEvent.RECEIVED, "unrelated", "another package");
            trail.append(c, "gw-1", AuditEvent.OPENED, ONE, "signed by CN-GACC");
            trail.append(c, "gw-1", AuditEvent.CONVERTED, "CN-GACC/REF-1/1", "1 notice");
            trail.append(c, "gw-1", AuditEvent.QUEUED, "CN-GACC/REF-1/1>CP-DE", "to CP-DE");
            trail.append(c, "gw-2", AuditEvent.DELIVERED, "CN-GACC/REF-1/1>CP-DE", "HTTP 201");
            trail.append(c, "gw-2", AuditEvent.RETRIED, "CN-GACC/REF-1/1>CP-FR", "HTTP 503");
            trail.append(c, "gw-1", AuditEvent.REFUSED, REFUSED, "BAD_SIGNATURE");
            trail.append(c, "gw-1", AuditEvent.RECEIVED, TWO, "mail");
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPackageShaGivesItsRowNoticesDeliveriesAndOwnAuditRecords(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);

            Found found = (Found) new PackageTrace(db).find(ONE);

            assertThat(found.packages()).hasSize(1);
            PackageHistory history = found.packages().get(0);
            assertThat(history.received().sha256()).isEqualTo(ONE);
            assertThat(history.received().channel()).isEqualTo("sftp");
            assertThat(history.received().claimedPartner()).isEqualTo("CN-GACC");
            assertThat(history.received().origin()).isEqualTo("inbox/CN-GACC/batch-1.p7m");
            assertThat(history.received().receivedAt()).isEqualTo(T0);
            assertThat(history.received().state()).isEqualTo("ACCEPTED");
            assertThat(history.received().signerSubject()).isEqualTo("CN=CN-GACC signer");
            assertThat(history.quarantine()).isEmpty();
            TracedNotice notice = history.notices().get(0);
            assertThat(history.notices()).hasSize(1);
            assertThat(notice.noticeId()).isEqualTo("CN-GACC/REF-1/1");
            assertThat(notice.version()).isEqualTo(1);
            assertThat(notice.supersedes()).isNull();
            assertThat(notice.supersededBy()).isEqualTo("CN-GACC/REF-1/2");
            assertThat(notice.deliveries()).extracting(TracedDelivery::contactPointId).containsExactly("CP-DE", "CP-FR");
            TracedDelivery queued = notice.deliveries().get(1);
            assertThat(queued.state()).isEqualTo("QUEUED");
            assertThat(queued.attempts()).isEqualTo(3);
            assertThat(queued.lastOutcome()).isEqualTo("HTTP 503 Service Unavailable");
            assertThat(queued.lastAttemptAt()).isEqualTo(T0.plusSeconds(36));
            assertThat(queued.routingReason()).isEqualTo("rule CP-FR matches the destination");
            assertThat(history.audit()).extracting(AuditRecord::event)
                    .containsExactly("RECEIVED", "OPENED", "CONVERTED", "QUEUED", "DELIVERED", "RETRIED");
            assertThat(history.audit()).extracting(AuditRecord::seq).isSorted();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aUniquePrefixInAnyCaseFindsThePackage(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);

            Lookup lookup = new PackageTrace(db).find("DEADBEEF1");

            assertThat(lookup).isInstanceOf(Found.class);
            assertThat(((Found) lookup).packages()).extracting(h -> h.received().sha256()).containsExactly(TWO);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAmbiguousPrefixListsTheCandidatesInsteadOfGuessing(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);

            Lookup lookup = new PackageTrace(db).find("deadbeef");

            assertThat(lookup).isInstanceOf(Ambiguous.class);
            Ambiguous ambiguous = (Ambiguous) lookup;
            assertThat(ambiguous.candidates()).extracting(Candidate::sha256).containsExactly(ONE, TWO);
            assertThat(ambiguous.candidates()).extracting(Candidate::channel).containsExactly("sftp", "mail");
            assertThat(ambiguous.more()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNoticeIdFindsItsPackage(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);

            Found found = (Found) new PackageTrace(db).find("CN-GACC/REF-1/2");

            assertThat(found.packages()).extracting(h -> h.received().sha256()).containsExactly(TWO);
            TracedNotice notice = found.packages().get(0).notices().get(0);
            assertThat(notice.supersedes()).isEqualTo("CN-GACC/REF-1/1");
            assertThat(notice.supersededBy()).isNull();
            assertThat(found.packages().get(0).audit()).extracting(AuditRecord::subject).containsExactly(TWO);
        }
    }

    /** A partner's reference is only unique per partner and version: every match is shown, oldest first. */
    @ParameterizedTest
    @MethodSource("databases")
    void aReferenceFindsEveryPartnersEveryVersion(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);

            Found found = (Found) new PackageTrace(db).find("REF-1");

            assertThat(found.packages()).extracting(h -> h.received().sha256()).containsExactly(ONE, THREE, TWO);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aQuarantinedPackageShowsWhyAndHasNoNotices(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);

            Found found = (Found) new PackageTrace(db).find(REFUSED.toUpperCase(Locale.ROOT));

            PackageHistory history = found.packages().get(0);
            assertThat(history.received().reasonCode()).isEqualTo("BAD_SIGNATURE");
            assertThat(history.received().partnerId()).isNull();
            assertThat(history.quarantine()).singleElement().satisfies(entry -> {
                assertThat(entry.quarantineId()).isEqualTo("q-20260301-1");
                assertThat(entry.message()).isEqualTo("the signature does not verify");
                assertThat(entry.state()).isEqualTo("OPEN");
            });
            assertThat(history.notices()).isEmpty();
            assertThat(history.audit()).extracting(AuditRecord::event).containsExactly("REFUSED");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnknownIdentifierIsNotFound(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            trackingHistory(db);
            PackageTrace trace = new PackageTrace(db);

            assertThat(trace.find("REF-404")).isInstanceOf(NotFound.class);
            assertThat(trace.find(sha("0123", '9'))).isInstanceOf(NotFound.class);
            assertThat(trace.find("feedface")).isInstanceOf(NotFound.class);
            assertThat(((NotFound) trace.find("dead")).why()).contains("at least 8 hex characters");
        }
    }
}
