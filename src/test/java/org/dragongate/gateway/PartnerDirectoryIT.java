package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.dragongate.directory.PartnerBootstrap;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway on an empty database imports the partners file once and checks packages against the
 * directory in the database; a partner an administrator suspends there is refused after the next
 * refresh, without a restart.
 */
class PartnerDirectoryIT {
    private static final String CN = ExamplePki.CN_GACC;

    @TempDir
    Path base;

    private GatewayFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theImportedDirectoryOpensPackagesAndASuspendedPartnerIsRefusedAfterTheRefresh() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail")).startGateway(Map.of("gateway.directory-refresh-seconds", "1"));
        Path before = fixture.seal(CN);
        fixture.upload(CN, before, "before.p7m");
        fixture.awaitOpened(GatewayFixture.sha256(before));
        fixture.awaitCount(ExamplePki.PARTNER_IDS.size(), "SELECT COUNT(*) FROM partner");
        // Per partner: itself and its CA; HK-CED's CRL besides. (The first start imports contact points and keys too, under their own subjects.)
        fixture.awaitCount(ExamplePki.PARTNER_IDS.size() * 2L + 1, "SELECT COUNT(*) FROM audit WHERE actor = ? AND event = 'ADMIN_ACTION'"
                + " AND subject LIKE 'partner:%'", PartnerBootstrap.ACTOR);

        Database database = fixture.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        new PartnerRegistry(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).suspend(CN, "contract review", "admin it@test");
        PartnerDirectory directory = fixture.gateway().getCamelContext().getRegistry().lookupByNameAndType("partnerDirectory", PartnerDirectory.class);
        GatewayFixture.await("the gateway to read the suspension", () -> directory.find(CN).isEmpty() ? true : null);
        Path after = fixture.seal(CN);
        fixture.upload(CN, after, "after.p7m");

        QuarantineEntry refused = fixture.awaitQuarantined(GatewayFixture.sha256(after));
        assertThat(refused.reason()).isEqualTo("UNKNOWN_SIGNER");
        assertThat(refused.message()).isEqualTo("the channel belongs to partner 'CN-GACC', which is not registered with the gateway or is suspended");
        assertThat(directory.find(ExamplePki.AU_ABF)).as("the other partners are untouched").isPresent();
    }
}
