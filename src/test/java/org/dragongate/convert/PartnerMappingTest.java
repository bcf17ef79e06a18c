package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.convert.Conversions.ALERT_JSON;
import static org.dragongate.convert.Conversions.ALERT_XML;
import static org.dragongate.convert.Conversions.PROVENANCE;
import static org.dragongate.convert.Conversions.partner;
import static org.dragongate.convert.Conversions.problems;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.dragongate.notice.Category;
import org.dragongate.notice.CitesAppendix;
import org.dragongate.notice.Handling;
import org.dragongate.notice.Notice;
import org.dragongate.notice.NoticeKind;
import org.dragongate.notice.PartyRole;
import org.dragongate.notice.PlaceRole;
import org.dragongate.notice.TransportMode;
import org.dragongate.notice.Unit;
import org.dragongate.refusal.PackageRejected;
import org.junit.jupiter.api.Test;

/**
 * The two example partners' own layouts, read through the mappings shipped in config/mappings:
 * JP-CUSTOMS' XML with romanised Japanese element names and Japanese category and unit words,
 * AU-ABF's JSON with its own classes, protective markings and UN/ECE unit codes.
 */
class PartnerMappingTest {
    private static final String JP_SEIZURE = text("jp-customs-seizure.xml");
    private static final String AU_ALERT = text("au-abf-alert.json");

    @Test
    void readsJapanCustomsSeizureReport() throws PackageRejected {
        ConversionResult result = Conversions.convert(JP_SEIZURE, partner("JP-CUSTOMS"));
        Notice notice = result.single().notice();

        assertThat(result.format()).isEqualTo(DocumentFormat.MAPPED_XML);
        assertThat(notice.id()).isEqualTo("JPC-2026-0815");
        assertThat(notice.kind()).isEqualTo(NoticeKind.SEIZURE_REPORT);
        assertThat(notice.category()).isEqualTo(Category.WILDLIFE);
        assertThat(notice.handling()).isEqualTo(Handling.AMBER);
        assertThat(notice.issuingAgency().country()).isEqualTo("JP");
        assertThat(notice.dates().issued()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:30:00+09:00"));
        assertThat(notice.dates().event()).isEqualTo(LocalDate.parse("2026-11-18"));
        assertThat(notice.places()).singleElement().satisfies(place -> {
            assertThat(place.role()).isEqualTo(PlaceRole.SEIZURE);
            assertThat(place.locode()).isEqualTo("JPTYO");
            assertThat(place.country()).isEqualTo("JP");
        });
        assertThat(notice.commodities()).hasSize(2);
        assertThat(notice.commodities().get(0).hsCode()).isEqualTo("960110");
        assertThat(notice.commodities().get(0).cites().appendix()).isEqualTo(CitesAppendix.I);
        assertThat(notice.commodities().get(1).cites().species()).isEqualTo("Manis tricuspis");
        assertThat(notice.commodities().get(1).quantity().value()).isEqualByComparingTo(new BigDecimal("310"));
        assertThat(notice.commodities().get(0).quantity().unit()).isEqualTo(Unit.KILOGRAM);
        assertThat(notice.conveyance().mode()).isEqualTo(TransportMode.SEA);
        assertThat(notice.conveyance().containerNumbers()).containsExactly("CSQU3054383");
        assertThat(notice.route().transits()).containsExactly("MYPKG", "VNSGN");
        assertThat(notice.concernedCountries()).containsExactly("NG", "MY", "VN");
        assertThat(notice.provenance()).isEqualTo(PROVENANCE);
    }

    /** Japanese systems still write Shift_JIS; the XML declaration says so and the parser must follow it. */
    @Test
    void readsJapanCustomsLayoutEncodedInShiftJis() throws Exception {
        byte[] shiftJis = JP_SEIZURE.replace("encoding=\"UTF-8\"", "encoding=\"Shift_JIS\"").getBytes(Charset.forName("Shift_JIS"));

        Notice notice = Conversions.CONVERTER.convert(new ByteArrayInputStream(shiftJis), "application/xml", partner("JP-CUSTOMS"),
                PROVENANCE, List.of()).single().notice();

        assertThat(notice.kind()).as("摘発報告").isEqualTo(NoticeKind.SEIZURE_REPORT);
        assertThat(notice.category()).as("ワシントン条約").isEqualTo(Category.WILDLIFE);
    }

    @Test
    void readsAustralianBorderForceAlert() throws PackageRejected {
        ConversionResult result = Conversions.convert(AU_ALERT, partner("AU-ABF"));
        Notice notice = result.single().notice();

        assertThat(result.format()).isEqualTo(DocumentFormat.MAPPED_JSON);
        assertThat(notice.kind()).isEqualTo(NoticeKind.ALERT);
        assertThat(notice.category()).isEqualTo(Category.NARCOTICS);
        assertThat(notice.handling()).as("OFFICIAL:Sensitive").isEqualTo(Handling.AMBER);
        assertThat(notice.issuingAgency().name()).isEqualTo("ABF Intelligence Division, Sydney");
        assertThat(notice.dates().validUntil()).isEqualTo(LocalDate.parse("2026-12-21"));
        assertThat(notice.commodities()).singleElement().satisfies(commodity -> {
            assertThat(commodity.hsCode()).isEqualTo("09021000");
            assertThat(commodity.quantity().value()).isEqualByComparingTo(new BigDecimal("12.5"));
            assertThat(commodity.quantity().unit()).as("KGM").isEqualTo(Unit.KILOGRAM);
        });
        assertThat(notice.conveyance().mode()).isEqualTo(TransportMode.AIR);
        assertThat(notice.conveyance().containerNumbers()).as("an empty array is no container").isEmpty();
        assertThat(notice.parties()).singleElement().extracting(party -> party.role()).isEqualTo(PartyRole.CONSIGNEE);
        assertThat(notice.concernedCountries()).containsExactly("VN", "SG");
    }

    @Test
    void convertsUnitsThroughTheValueMap() throws PackageRejected {
        String grams = AU_ALERT.replace("\"value\": 12.5, \"unitCode\": \"KGM\"", "\"value\": 800, \"unitCode\": \"GRM\"");

        Notice notice = Conversions.notice(grams, partner("AU-ABF"));

        assertThat(notice.commodities().get(0).quantity().unit()).isEqualTo(Unit.GRAM);
    }

    /** A word the mapping does not know is refused, never passed through: "麻薬X" is not a category. */
    @Test
    void refusesPartnerWordMissingFromTheValueMapNamingItsSourcePath() {
        String unknown = JP_SEIZURE.replace("<Bunrui>ワシントン条約</Bunrui>", "<Bunrui>麻薬X</Bunrui>");

        assertThat(problems(unknown, partner("JP-CUSTOMS"))).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("category");
            assertThat(problem.source()).isEqualTo("/Bunrui");
            assertThat(problem.value()).isEqualTo("麻薬X");
            assertThat(problem.expected()).contains("ワシントン条約", "麻薬");
        });
    }

    /** The partner knows its own layout, not ours: the problem points at its element too. */
    @Test
    void pointsProblemsAtTheFieldInThePartnersOwnLayout() {
        String typo = JP_SEIZURE.replace("<HSKodo>0508.00</HSKodo>", "<HSKodo>05.08</HSKodo>");

        assertThat(problems(typo, partner("JP-CUSTOMS"))).containsExactly(
                new FieldProblem(0, "commodities[1].hsCode", "/Buppin/Hinmoku[1]/HSKodo", "0508", "an HS code of 6 to 10 digits"));
    }

    @Test
    void refusesObjectWhereTheMappingExpectsAValue() {
        String nested = AU_ALERT.replace("\"narrative\": \"Air cargo", "\"narrative\": {\"text\": \"Air cargo").replace(
                "earlier detections.\",", "earlier detections.\"},");

        assertThat(problems(nested, partner("AU-ABF"))).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("summary");
            assertThat(problem.value()).isEqualTo("(an object)");
            assertThat(problem.expected()).isEqualTo("a single value at /abfAlert/narrative");
        });
    }

    @Test
    void refusesFormatThePartnersSettingsDoNotAllow() {
        assertThat(problems(ALERT_JSON, partner("JP-CUSTOMS"))).singleElement().satisfies(problem -> {
            assertThat(problem.value()).isEqualTo("canonical-json");
            assertThat(problem.expected()).contains("canonical-xml", "mapped-xml (root element {urn:jp:go:customs:tsuho:2}ZeikanTsuho)");
        });
    }

    @Test
    void stillAcceptsTheCommonSchemaFromAPartnerWithItsOwnLayout() throws PackageRejected {
        assertThat(Conversions.convert(ALERT_XML, partner("JP-CUSTOMS")).format()).isEqualTo(DocumentFormat.CANONICAL_XML);
        assertThat(Conversions.convert(ALERT_JSON, partner("AU-ABF")).format()).isEqualTo(DocumentFormat.CANONICAL_JSON);
    }

    /** Another partner's layout is not recognised just because the syntax matches: AU-ABF has no XML layout. */
    @Test
    void refusesOnePartnersLayoutSentByAnother() {
        assertThat(problems(JP_SEIZURE, partner("AU-ABF"))).singleElement()
                .extracting(FieldProblem::value).isEqualTo("{urn:jp:go:customs:tsuho:2}ZeikanTsuho");
    }

    @Test
    void refusesPartnerLayoutInAnotherNamespaceThanTheMappingNames() {
        String otherVersion = JP_SEIZURE.replace("urn:jp:go:customs:tsuho:2", "urn:jp:go:customs:tsuho:3");

        assertThat(problems(otherVersion, partner("JP-CUSTOMS"))).singleElement()
                .extracting(FieldProblem::value).isEqualTo("{urn:jp:go:customs:tsuho:3}ZeikanTsuho");
    }

    @Test
    void usesTheMappingsDefaultWhenTheFieldIsAbsent() throws PackageRejected {
        String unmarked = JP_SEIZURE.replace("<Toriatsukai>関係機関限り</Toriatsukai>", "");

        assertThat(Conversions.notice(unmarked, partner("JP-CUSTOMS")).handling()).isEqualTo(Handling.AMBER);
    }

    private static String text(String name) {
        try (InputStream in = Conversions.resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
