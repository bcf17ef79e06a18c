package org.dragongate.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/** The writer of the common schema: namespace, validation before output, and reading back. */
class NoticeXmlTest {
    private final NoticeXml xml = new NoticeXml();

    @Test
    void writesInTheVersionedNamespace() throws Exception {
        String written = new String(xml.toXml(seizure()), StandardCharsets.UTF_8);

        assertThat(written).contains("<notice xmlns=\"urn:dragongate:notice:1\">").contains("<hsCode>050800</hsCode>")
                .contains("<containerNumbers><containerNumber>CSQU3054383</containerNumber></containerNumbers>");
    }

    /** Checked with a separately compiled copy of the XSD, so the writer cannot validate against something else. */
    @Test
    void writesXmlThatTheShippedXsdAccepts() throws Exception {
        byte[] written = xml.toXml(seizure());

        var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(NoticeXmlTest.class.getResource("/xsd/notice-1.xsd")).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(written)));
    }

    @Test
    void readsBackTheNoticeItWrote() throws Exception {
        Notice notice = seizure();

        assertThat(xml.read(xml.toXml(notice))).isEqualTo(notice);
    }

    /**
     * A partner that re-seals and resends a notice sends another package (other digest, time, maybe a
     * renewed signer certificate): the content digest must not change with it, or the resend would
     * be delivered again.
     */
    @Test
    void contentDigestIgnoresProvenanceButNotContentOrAttachments() throws Exception {
        Notice notice = seizure();
        Notice resent = notice.withGatewayAdditions(new Provenance("VN-CUSTOMS", "CN=renewed signer,O=Viet Nam Customs,C=VN", "2a",
                "ab".repeat(32), "sftp", Instant.parse("2026-11-21T08:00:00Z")), notice.attachments());
        Notice otherAttachment = notice.withGatewayAdditions(notice.provenance(), List.of(new AttachmentInfo("photo-1.jpg", "image/jpeg",
                204800, "0".repeat(64))));

        assertThat(xml.contentSha256(notice)).matches("[0-9a-f]{64}").isEqualTo(xml.contentSha256(resent));
        assertThat(xml.contentSha256(otherAttachment)).isNotEqualTo(xml.contentSha256(notice));
        assertThat(xml.contentSha256(withHsCode("050900"))).isNotEqualTo(xml.contentSha256(notice));
    }

    /** xs:decimal has no exponent; BigDecimal's toString would write 1E+3. */
    @Test
    void writesQuantitiesAsPlainDecimals() throws Exception {
        Notice notice = withQuantity(new BigDecimal("1E+3"));

        assertThat(new String(xml.toXml(notice), StandardCharsets.UTF_8)).contains("<value>1000</value>");
    }

    /** The guarantee the delivery stage relies on: nothing invalid reaches the output, not even a prefix. */
    @Test
    void refusesToWriteANoticeTheSchemaRejectsAndWritesNothing() {
        Notice invalid = withHsCode("12");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NoticeSchemaViolation violation = catchThrowableOfType(NoticeSchemaViolation.class, () -> xml.write(invalid, out));

        assertThat(violation.violations()).isNotEmpty().allSatisfy(v -> assertThat(v).contains("'12'"));
        assertThat(out.size()).isZero();
    }

    @Test
    void refusesToWriteANoticeWithoutProvenance() {
        Notice anonymous = seizure().withGatewayAdditions(null, List.of());

        NoticeSchemaViolation violation = catchThrowableOfType(NoticeSchemaViolation.class, () -> xml.toXml(anonymous));

        assertThat(violation.getMessage()).contains("provenance");
    }

    @Test
    void readRefusesADocumentOutsideTheSchema() {
        byte[] foreign = "<notice xmlns=\"urn:example:other\"><id>x</id></notice>".getBytes(StandardCharsets.UTF_8);

        assertThat(catchThrowableOfType(NoticeSchemaViolation.class, () -> xml.read(foreign))).isNotNull();
    }

    static Notice seizure() {
        return new Notice("VN-SEIZ-2026-0001", NoticeKind.SEIZURE_REPORT, Category.WILDLIFE,
                new Agency("Viet Nam Customs & Border Guard", "VN"),
                new NoticeDates(OffsetDateTime.parse("2026-11-20T09:30:00+07:00"), LocalDate.parse("2026-11-18"), null),
                "Pangolin scales <in> sacks declared as cashew nuts.",
                List.of(new Place(PlaceRole.SEIZURE, "Hai Phong port", "VN", "VNHPH")),
                List.of(new Commodity("Pangolin scales", "050800", new CitesListing("Manis javanica", CitesAppendix.I),
                        new Quantity(new BigDecimal("1200.5"), Unit.KILOGRAM))),
                new Conveyance(TransportMode.SEA, "EXAMPLE STAR", List.of("CSQU3054383")),
                new Route("NGLOS", List.of("MYPKG", "SGSIN"), "VNHPH"),
                List.of(new Party(PartyRole.CONSIGNEE, "Hai Phong Nut Trading", "VN")),
                null, Handling.AMBER_STRICT, List.of("VN", "NG"),
                List.of(new AttachmentInfo("photo-1.jpg", "image/jpeg", 204800,
                        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")),
                new Provenance("VN-CUSTOMS", "CN=signer,O=Viet Nam Customs,C=VN", "1f2e3d",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "mail", Instant.parse("2026-11-20T03:00:00Z")));
    }

    private static Notice withQuantity(BigDecimal value) {
        Notice base = seizure();
        Commodity commodity = base.commodities().get(0);
        return replaceCommodity(base, new Commodity(commodity.description(), commodity.hsCode(), commodity.cites(),
                new Quantity(value, Unit.KILOGRAM)));
    }

    private static Notice withHsCode(String hsCode) {
        Notice base = seizure();
        Commodity commodity = base.commodities().get(0);
        return replaceCommodity(base, new Commodity(commodity.description(), hsCode, commodity.cites(), commodity.quantity()));
    }

    private static Notice replaceCommodity(Notice base, Commodity commodity) {
        return new Notice(base.id(), base.kind(), base.category(), base.issuingAgency(), base.dates(), base.summary(), base.places(),
                List.of(commodity), base.conveyance(), base.route(), base.parties(), base.requestedAction(), base.handling(),
                base.concernedCountries(), base.attachments(), base.provenance());
    }
}
