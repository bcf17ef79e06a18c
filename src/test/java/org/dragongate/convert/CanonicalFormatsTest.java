package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.convert.Conversions.ALERT_CSV;
import static org.dragongate.convert.Conversions.ALERT_JSON;
import static org.dragongate.convert.Conversions.ALERT_XML;
import static org.dragongate.convert.Conversions.ATTACHMENTS;
import static org.dragongate.convert.Conversions.CANONICAL;
import static org.dragongate.convert.Conversions.PROVENANCE;
import static org.dragongate.convert.Conversions.convert;
import static org.dragongate.convert.Conversions.notice;
import static org.dragongate.convert.Conversions.problems;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.dragongate.notice.Notice;
import org.dragongate.notice.NoticeXml;
import org.dragongate.refusal.PackageRejected;
import org.junit.jupiter.api.Test;

/** The common schema in its three syntaxes, and how the format of a document is recognised. */
class CanonicalFormatsTest {
    @Test
    void readsTheSameNoticeFromXmlJsonAndCsv() throws PackageRejected {
        Notice fromXml = notice(ALERT_XML, CANONICAL);
        Notice fromJson = notice(ALERT_JSON, CANONICAL);
        Notice fromCsv = notice(ALERT_CSV, CANONICAL);

        assertThat(fromJson).isEqualTo(fromXml);
        assertThat(fromCsv).isEqualTo(fromXml);
        assertThat(fromXml.commodities().get(0).quantity().value()).isEqualByComparingTo(new BigDecimal("1200.5"));
        assertThat(fromXml.concernedCountries()).containsExactly("VN", "MY");
    }

    @Test
    void reportsTheFormatItRecognised() throws PackageRejected {
        assertThat(convert(ALERT_XML, CANONICAL).format()).isEqualTo(DocumentFormat.CANONICAL_XML);
        assertThat(convert(ALERT_JSON, CANONICAL).format()).isEqualTo(DocumentFormat.CANONICAL_JSON);
        assertThat(convert(ALERT_CSV, CANONICAL).format()).isEqualTo(DocumentFormat.CANONICAL_CSV);
    }

    /** Mail clients label attachments loosely: the content decides, the label is a hint. */
    @Test
    void recognisesJsonLabelledAsXml() throws PackageRejected {
        assertThat(convert(ALERT_JSON, "application/xml", CANONICAL).format()).isEqualTo(DocumentFormat.CANONICAL_JSON);
    }

    @Test
    void addsTheGatewaysProvenanceAndAttachmentList() throws PackageRejected {
        Notice notice = notice(ALERT_JSON, CANONICAL);

        assertThat(notice.provenance()).isEqualTo(PROVENANCE);
        assertThat(notice.attachments()).isEqualTo(ATTACHMENTS);
    }

    /** What leaves the converter is the XML the routing stage delivers; it must be the schema's, provenance included. */
    @Test
    void writesXmlThatReadsBackAsTheSameNotice() throws Exception {
        ConvertedNotice converted = convert(ALERT_XML, CANONICAL).single();

        assertThat(new String(converted.xml(), StandardCharsets.UTF_8)).contains("<notice xmlns=\"urn:dragongate:notice:1\"")
                .contains("<packageSha256>" + PROVENANCE.packageSha256() + "</packageSha256>");
        assertThat(new NoticeXml().read(converted.xml())).isEqualTo(converted.notice());
    }

    @Test
    void readsAListOfOneXmlElementLikeAList() throws PackageRejected {
        String oneCountry = ALERT_XML.replace("<country>VN</country><country>MY</country>", "<country>VN</country>");

        assertThat(notice(oneCountry, CANONICAL).concernedCountries()).containsExactly("VN");
    }

    @Test
    void ignoresSchemaLocationHintOnTheRoot() throws PackageRejected {
        String hinted = ALERT_XML.replace("<notice xmlns=\"urn:dragongate:notice:1\">",
                "<notice xmlns=\"urn:dragongate:notice:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                        + "xsi:schemaLocation=\"urn:dragongate:notice:1 notice-1.xsd\">");

        assertThat(notice(hinted, CANONICAL).id()).isEqualTo("CN-GACC-2026-000123");
    }

    /** Without the namespace it is not our schema (version unknown): say what root is expected. */
    @Test
    void refusesXmlNoticeOutsideTheSchemaNamespace() {
        String unversioned = ALERT_XML.replace(" xmlns=\"urn:dragongate:notice:1\"", "");

        assertThat(problems(unversioned)).singleElement().satisfies(problem -> {
            assertThat(problem.value()).isEqualTo("{}notice");
            assertThat(problem.expected()).contains("{urn:dragongate:notice:1}notice");
        });
    }

    @Test
    void refusesElementsOfAnotherNamespaceInsideTheNotice() {
        String extended = ALERT_XML.replace("<handling>AMBER</handling>",
                "<handling>AMBER</handling><x:priority xmlns:x=\"urn:example:extra\">high</x:priority>");

        assertThat(problems(extended)).singleElement().extracting(FieldProblem::value).isEqualTo("{urn:example:extra}priority");
    }

    @Test
    void refusesAFormatThePartnerMayNotSend() {
        PartnerFormat xmlOnly = new PartnerFormat("CN-GACC", EnumSet.of(DocumentFormat.CANONICAL_XML), null);

        assertThat(problems(ALERT_JSON, xmlOnly)).singleElement().satisfies(problem -> {
            assertThat(problem.value()).isEqualTo("canonical-json");
            assertThat(problem.expected()).isEqualTo("a format CN-GACC may send: canonical-xml");
        });
    }

    @Test
    void acceptsSemicolonSeparatedCsvAsSpreadsheetsWriteIt() throws PackageRejected {
        String semicolons = ALERT_CSV.replace(",", ";");

        assertThat(notice(semicolons, CANONICAL)).isEqualTo(notice(ALERT_CSV, CANONICAL));
    }

    @Test
    void acceptsUtf8ByteOrderMarkBeforeJsonAndCsv() throws PackageRejected {
        assertThat(notice("\uFEFF" + ALERT_JSON, CANONICAL).id()).isEqualTo("CN-GACC-2026-000123");
        assertThat(notice("\uFEFF" + ALERT_CSV, CANONICAL).id()).isEqualTo("CN-GACC-2026-000123");
    }
}
