package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.convert.Conversions.ALERT_JSON;
import static org.dragongate.convert.Conversions.CANONICAL;
import static org.dragongate.convert.Conversions.notice;
import static org.dragongate.convert.Conversions.problems;
import static org.dragongate.convert.Documents.remove;
import static org.dragongate.convert.Documents.set;

import java.util.List;
import java.util.Map;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.Test;

/**
 * Each validation rule on a notice that is otherwise valid, so the problem reported is the one
 * under test: the field's path, the value sent, and what was expected.
 */
class NoticeRulesTest {
    private static final String SEIZURE = set(set(set(ALERT_JSON, "/kind", "SEIZURE_REPORT"), "/dates/event", "2026-11-18"),
            "/places", List.of(Map.of("role", "SEIZURE", "country", "VN", "locode", "VNHPH")));

    @Test
    void acceptsTheSampleAlertAndSeizureReport() throws PackageRejected {
        assertThat(notice(ALERT_JSON, CANONICAL).id()).isEqualTo("CN-GACC-2026-000123");
        assertThat(notice(SEIZURE, CANONICAL).places()).hasSize(1);
    }

    @Test
    void refusesCountryCodeThatIsNotAssigned() {
        assertThat(problems(set(ALERT_JSON, "/issuingAgency/country", "UK")))
                .containsExactly(FieldProblem.of("issuingAgency.country", "UK", "an assigned ISO 3166-1 alpha-2 country code, e.g. VN"));
    }

    /** UN/LOCODE's last three characters are letters or digits 2 to 9 (0 and 1 would read as O and I). */
    @Test
    void refusesUnLocodeWithDigitOne() {
        assertThat(problems(set(ALERT_JSON, "/route/origin", "NGL1S")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("route.origin");
                    assertThat(problem.value()).isEqualTo("NGL1S");
                    assertThat(problem.expected()).startsWith("a UN/LOCODE");
                });
    }

    @Test
    void refusesUnLocodeOfAnUnassignedCountry() {
        assertThat(problems(set(ALERT_JSON, "/route/transits", List.of("MYPKG", "QQABC"))))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("route.transits[1]");
                    assertThat(problem.expected()).contains("assigned ISO 3166-1 country code");
                });
    }

    @Test
    void acceptsUnLocodeWrittenWithItsSpace() throws PackageRejected {
        assertThat(notice(set(ALERT_JSON, "/route/destination", "VN HPH"), CANONICAL).route().destination()).isEqualTo("VNHPH");
    }

    @Test
    void refusesPlaceWhoseUnLocodeIsInAnotherCountry() {
        assertThat(problems(set(SEIZURE, "/places/0/country", "MY")))
                .containsExactly(FieldProblem.of("places[0].locode", "VNHPH", "a UN/LOCODE in the place's country MY"));
    }

    @Test
    void refusesHsCodeShorterThanSixDigits() {
        assertThat(problems(set(ALERT_JSON, "/commodities/0/hsCode", "05080")))
                .containsExactly(FieldProblem.of("commodities[0].hsCode", "05080", "an HS code of 6 to 10 digits"));
    }

    @Test
    void refusesHsCodeLongerThanTenDigits() {
        assertThat(problems(set(ALERT_JSON, "/commodities/0/hsCode", "05080000001"))).extracting(FieldProblem::path)
                .containsExactly("commodities[0].hsCode");
    }

    /** Tariff codes are commonly written with dots; the digits are the code. */
    @Test
    void acceptsHsCodeWrittenWithDots() throws PackageRejected {
        assertThat(notice(set(ALERT_JSON, "/commodities/0/hsCode", "2939.71.00"), CANONICAL).commodities().get(0).hsCode())
                .isEqualTo("29397100");
    }

    @Test
    void refusesContainerNumberWithWrongCheckDigitAndSaysWhichDigitIsRight() {
        assertThat(problems(set(ALERT_JSON, "/conveyance/containerNumbers", List.of("MSCU1234565"))))
                .containsExactly(FieldProblem.of("conveyance.containerNumbers[0]", "MSCU1234565",
                        "check digit 6 (ISO 6346): the number is mistyped"));
    }

    @Test
    void acceptsContainerNumberWrittenWithSpacesAndDash() throws PackageRejected {
        assertThat(notice(set(ALERT_JSON, "/conveyance/containerNumbers", List.of("csqu 305438-3")), CANONICAL)
                .conveyance().containerNumbers()).containsExactly("CSQU3054383");
    }

    @Test
    void refusesCitesAppendixOutsideOneToThree() {
        assertThat(problems(set(ALERT_JSON, "/commodities/0/cites/appendix", "IV")))
                .containsExactly(FieldProblem.of("commodities[0].cites.appendix", "IV", "one of I, II, III"));
    }

    @Test
    void refusesCitesListingWithoutSpecies() {
        assertThat(problems(remove(ALERT_JSON, "/commodities/0/cites/species")))
                .containsExactly(FieldProblem.missing("commodities[0].cites.species", "the species' scientific name, as in the CITES checklist"));
    }

    @Test
    void refusesNegativeQuantity() {
        assertThat(problems(set(ALERT_JSON, "/commodities/0/quantity/value", -3)))
                .containsExactly(FieldProblem.of("commodities[0].quantity.value", "-3", "a quantity of zero or more"));
    }

    @Test
    void refusesUnknownUnit() {
        assertThat(problems(set(ALERT_JSON, "/commodities/0/quantity/unit", "lbs")))
                .containsExactly(FieldProblem.of("commodities[0].quantity.unit", "lbs", "one of mg, g, kg, t, ml, l, m3, pieces"));
    }

    @Test
    void refusesQuantityThatIsNotANumber() {
        assertThat(problems(set(ALERT_JSON, "/commodities/0/quantity/value", "twelve")))
                .containsExactly(FieldProblem.of("commodities[0].quantity.value", "twelve", "a decimal number, e.g. 12.5"));
    }

    @Test
    void refusesIssueTimeWithoutUtcOffset() {
        assertThat(problems(set(ALERT_JSON, "/dates/issued", "2026-11-20T09:30:00"))).extracting(FieldProblem::path)
                .containsExactly("dates.issued");
    }

    @Test
    void refusesSeizureReportWithoutSeizureDayPlaceOrQuantity() {
        String bare = remove(remove(remove(SEIZURE, "/dates/event"), "/places"), "/commodities/0/quantity");

        assertThat(problems(bare)).extracting(FieldProblem::path)
                .containsExactlyInAnyOrder("dates.event", "places", "commodities[0].quantity");
    }

    /** A seizure is reported after it happened; a date after the issue date is a typing error. */
    @Test
    void refusesSeizureDayAfterTheIssueDay() {
        assertThat(problems(set(SEIZURE, "/dates/event", "2026-11-21")))
                .containsExactly(FieldProblem.of("dates.event", "2026-11-21", "a seizure day on or before the issue date 2026-11-20"));
    }

    @Test
    void refusesRequestForAssistanceWithoutRequestedAction() {
        assertThat(problems(set(ALERT_JSON, "/kind", "REQUEST_FOR_ASSISTANCE"))).extracting(FieldProblem::path)
                .containsExactly("requestedAction");
    }

    @Test
    void refusesAlertWithoutConcernedCountries() {
        assertThat(problems(remove(ALERT_JSON, "/concernedCountries"))).extracting(FieldProblem::path)
                .containsExactly("concernedCountries");
    }

    @Test
    void refusesNoticeWithoutTheCommonRequiredFields() {
        String empty = "{\"kind\": \"INFORMATION\"}";

        assertThat(problems(empty)).extracting(FieldProblem::path)
                .containsExactlyInAnyOrder("id", "category", "handling", "issuingAgency", "dates", "summary");
    }

    @Test
    void refusesWordOutsideAnEnumerationListingTheAllowedOnes() {
        assertThat(problems(set(ALERT_JSON, "/category", "narcotics")))
                .containsExactly(FieldProblem.of("category", "narcotics", "one of NARCOTICS, PRECURSORS, WILDLIFE, OTHER"));
    }

    /** A misspelt field would otherwise be dropped silently, and the receiver would miss it. */
    @Test
    void refusesUnknownField() {
        assertThat(problems(set(ALERT_JSON, "/conveyance/vessel", "EXAMPLE STAR"))).extracting(FieldProblem::path)
                .containsExactly("conveyance.vessel");
    }

    /** Provenance is what the gateway established from the signature; a sender must not be able to forge it. */
    @Test
    void refusesProvenanceSentByThePartner() {
        assertThat(problems(set(ALERT_JSON, "/provenance", Map.of("partner", "AU-ABF")))).extracting(FieldProblem::path)
                .containsExactly("provenance");
    }

    @Test
    void refusesTextLongerThanTheSchemaAllows() {
        assertThat(problems(set(ALERT_JSON, "/issuingAgency/name", "x".repeat(257))))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.expected()).isEqualTo("at most 256 characters (got 257)");
                    assertThat(problem.value()).hasSizeLessThan(110);
                });
    }

    @Test
    void reportsEveryProblemOfANoticeAtOnce() {
        String bad = set(set(set(ALERT_JSON, "/issuingAgency/country", "XX"), "/commodities/0/hsCode", "12"),
                "/conveyance/containerNumbers", List.of("MSCU1234565"));

        assertThat(problems(bad)).extracting(FieldProblem::path)
                .containsExactly("issuingAgency.country", "commodities[0].hsCode", "conveyance.containerNumbers[0]");
    }

    /** The message goes to the quarantine listing and the receipt as one line a person can act on. */
    @Test
    void refusalMessageNamesEachFieldItsValueAndWhatWasExpected() {
        PackageRejected rejected = Conversions.refusal(set(ALERT_JSON, "/commodities/0/hsCode", "12"), CANONICAL,
                RejectReason.INVALID_NOTICE);

        assertThat(rejected.getMessage()).contains("commodities[0].hsCode = \"12\": expected an HS code of 6 to 10 digits");
    }
}
