package org.dragongate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dragongate.convert.NoticeConverter;
import org.dragongate.convert.PartnerFormats;
import org.dragongate.notice.Category;
import org.dragongate.notice.Notice;
import org.dragongate.notice.Provenance;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files the demo runs with (config/contact-points.yaml, config/routing.yaml) load, and route the
 * example notices, converted from the example files as the gateway converts them, where an
 * administrator would expect.
 */
class ShippedRoutingConfigTest {
    private static final Path CONFIG = Path.of("config");
    private static final NoticeConverter CONVERTER = new NoticeConverter();
    private static final PartnerFormats FORMATS = new PartnerFormats(CONFIG.resolve("mappings"));

    private static ContactPointDirectory directory;
    private static ContactPointRouter router;

    @BeforeAll
    static void load() throws IOException {
        directory = ContactPointDirectoryFile.load(CONFIG.resolve("contact-points.yaml"));
        router = new ContactPointRouter(RoutingRulesFile.load(CONFIG.resolve("routing.yaml"), directory));
    }

    /** Each demo contact point posts to the demo receiver under its own id, encrypted for its own certificate. */
    @Test
    void directoryHoldsTheFourDemoContactPointsPointingAtTheDemoReceiver() {
        assertThat(directory.all()).extracting(ContactPoint::id).containsExactlyInAnyOrderElementsOf(ExamplePki.CONTACT_POINT_IDS);
        for (ExamplePki.ContactPointInfo info : ExamplePki.CONTACT_POINTS) {
            ContactPoint contactPoint = directory.find(info.id()).orElseThrow();
            assertThat(contactPoint.country()).isEqualTo(info.country());
            assertThat(contactPoint.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8480/contact-points/" + info.id()));
            assertThat(contactPoint.encryptionCertificate()).get()
                    .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains(info.organisation()));
            assertThat(contactPoint.credentials()).isEqualTo(Credentials.NONE);
        }
    }

    /** examples/notice-alert.xml: pangolin scales, Lagos via Penang to Haiphong, concerning VN and MY. */
    @Test
    void wildlifeAlertGoesToTheEnvironmentalPoliceAndTheRegionalOffice() throws Exception {
        Notice alert = convert(Files.readString(Path.of("examples/notice-alert.xml")), "CN-GACC");

        assertThat(router.route(alert)).containsExactly(
                new RoutingDecision("VN-ENV-POLICE", "VN-ENV-POLICE: category WILDLIFE, destination VN"),
                new RoutingDecision("RILO-AP", "RILO-AP: copy rule, every WILDLIFE notice"));
    }

    /** examples/au-abf-alert.json through config/mappings/AU-ABF.yaml: suspected methamphetamine, Sydney via Singapore to Saigon. */
    @Test
    void australianNarcoticsAlertGoesToTheDrugPolice() throws Exception {
        Notice alert = convert(Files.readString(Path.of("examples/au-abf-alert.json")), "AU-ABF");

        assertThat(alert.category()).isEqualTo(Category.NARCOTICS);
        assertThat(router.route(alert)).containsExactly(
                new RoutingDecision("VN-DRUG-POLICE", "VN-DRUG-POLICE: category NARCOTICS, destination VN"));
    }

    @Test
    void vietnameseNoticeOfAnotherCategoryGoesToTheCustomsDefault() throws Exception {
        Notice other = convert(Files.readString(Path.of("examples/notice-alert.xml"))
                .replace("<category>WILDLIFE</category>", "<category>OTHER</category>"), "CN-GACC");

        assertThat(router.route(other)).containsExactly(new RoutingDecision("VN-CUSTOMS-ASI", "VN-CUSTOMS-ASI: default for VN"));
    }

    /** The demo has no Thai contact point: such a narcotics alert must be quarantined, not dropped. */
    @Test
    void narcoticsAlertForACountryWithoutContactPointIsRefused() throws Exception {
        Notice elsewhere = convert(Files.readString(Path.of("examples/au-abf-alert.json"))
                .replace("\"VNSGN\"", "\"THBKK\"").replace("[\"VN\", \"SG\"]", "[\"TH\"]"), "AU-ABF");

        PackageRejected refused = catchThrowableOfType(PackageRejected.class, () -> router.route(elsewhere));

        assertThat(refused.reason()).isEqualTo(RejectReason.NO_CONTACT_POINT);
        assertThat(refused.getMessage()).contains("notice ABF-INT-2026-00042", "category NARCOTICS",
                "destination TH, concerned TH, transit SG", "add a rule or a default for TH or SG");
    }

    private static Notice convert(String document, String partnerId) throws PackageRejected, IOException {
        Provenance provenance = new Provenance(partnerId, "CN=" + partnerId + " signer", "01",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "sftp", Instant.parse("2026-11-23T14:07:13Z"));
        try (InputStream in = new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))) {
            return CONVERTER.convert(in, "application/octet-stream", FORMATS.forPartner(partnerId), provenance, List.of())
                    .single().notice();
        }
    }
}
