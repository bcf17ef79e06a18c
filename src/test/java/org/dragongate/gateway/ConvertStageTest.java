package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dragongate.convert.NoticeConverter;
import org.dragongate.convert.PartnerFormats;
import org.dragongate.intake.Channel;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.routing.ContactPointDirectoryFile;
import org.dragongate.routing.ContactPointRouter;
import org.dragongate.routing.RoutingRulesFile;
import org.dragongate.testing.TestNotices;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert stage with the shipped routing: notices come out validated and routed, or the package is refused whole. */
class ConvertStageTest {
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void writesEachNoticeWithTheReasonsItsContactPointsWereChosen() throws Exception {
        Path notices = stage().convert(opened(TestNotices.alert(ExamplePki.CN_GACC, "CN-GACC-T-1")));

        assertThat(Files.readString(notices.resolve("notice-000001.xml"))).contains("<id>CN-GACC-T-1</id>").contains("<provenance>");
        assertThat(Files.readAllLines(notices.resolve("notice-000001.routing")))
                .containsExactly("VN-ENV-POLICE: category WILDLIFE, destination VN", "RILO-AP: copy rule, every WILDLIFE notice");
    }

    /** What the notice registry recognises a resent notice by: the partner, its reference, and the digest of its content. */
    @Test
    void writesEachNoticesIdentityWithADigestThatASecondPackageOfTheSameNoticeShares() throws Exception {
        String alert = TestNotices.alert(ExamplePki.CN_GACC, "CN-GACC-T-3");
        Path first = stage().convert(opened(alert, SHA));
        Path resent = stage().convert(opened(alert, "cd".repeat(32)));

        List<String> identity = Files.readAllLines(first.resolve("notice-000001.identity"));
        assertThat(identity).hasSize(3).startsWith("partner CN-GACC", "reference CN-GACC-T-3");
        assertThat(identity.get(2)).matches("content-sha256 [0-9a-f]{64}");
        assertThat(Files.readAllLines(resent.resolve("notice-000001.identity"))).isEqualTo(identity);
        assertThat(Files.readString(resent.resolve("notice-000001.xml"))).isNotEqualTo(Files.readString(first.resolve("notice-000001.xml")));
    }

    /** A notice no rule routes refuses the package as NO_CONTACT_POINT (so it goes to quarantine), leaving no partial output. */
    @Test
    void aNoticeNoRuleRoutesRefusesThePackageAndLeavesNothingBehind() throws Exception {
        String thai = TestNotices.alert(ExamplePki.CN_GACC, "CN-GACC-T-2").replace("<category>WILDLIFE</category>", "<category>OTHER</category>")
                .replace("VNHPH", "THBKK").replace("<country>VN</country><country>MY</country>", "<country>TH</country>")
                .replace("<transit>MYPKG</transit>", "<transit>SGSIN</transit>");

        PackageRejected refusal = catchThrowableOfType(PackageRejected.class, () -> stage().convert(opened(thai)));

        assertThat(refusal.reason()).isEqualTo(RejectReason.NO_CONTACT_POINT);
        assertThat(refusal.getMessage()).contains("CN-GACC-T-2");
        assertThat(dir.resolve("notices")).isEmptyDirectory();
    }

    private ConvertStage stage() throws Exception {
        return stage(dir);
    }

    private OpenedRecord opened(String noticeXml) throws Exception {
        return opened(dir, noticeXml, SHA);
    }

    private OpenedRecord opened(String noticeXml, String packageSha) throws Exception {
        return opened(dir, noticeXml, packageSha);
    }

    /** The stage with the shipped contact points and routing, writing under {@code dir/notices}. */
    static ConvertStage stage(Path dir) throws Exception {
        var contactPoints = ContactPointDirectoryFile.load(Path.of("config", "contact-points.yaml"));
        var router = new ContactPointRouter(RoutingRulesFile.load(Path.of("config", "routing.yaml"), contactPoints));
        return new ConvertStage(new NoticeConverter(), new PartnerFormats(dir.resolve("no-mappings")), router, dir.resolve("notices"));
    }

    /** What the open stage hands on for a CN-GACC package carrying this notice. */
    static OpenedRecord opened(Path dir, String noticeXml, String packageSha) throws Exception {
        Path document = Files.writeString(dir.resolve("1-notice.xml"), noticeXml);
        ReceivedPackage received = new ReceivedPackage(packageSha, 1, document, new Channel(Channel.SFTP, ExamplePki.CN_GACC, "CN-GACC/x.p7m"),
                Instant.parse("2026-11-23T10:00:00Z"), false, ReceivedPackage.PackageForm.CMS);
        return new OpenedRecord(received, ExamplePki.CN_GACC, TestPki.shared().signer(ExamplePki.CN_GACC).certificate(),
                List.of(new OpenedRecord.OpenedDocument("notice.xml", "application/xml", Files.size(document), SHA, document)));
    }
}
