package org.dragongate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.dragongate.notice.Agency;
import org.dragongate.notice.Category;
import org.dragongate.notice.Handling;
import org.dragongate.notice.Notice;
import org.dragongate.notice.NoticeDates;
import org.dragongate.notice.NoticeKind;
import org.dragongate.notice.Place;
import org.dragongate.notice.PlaceRole;
import org.dragongate.notice.Route;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How rules, defaults and copy rules turn a notice into decisions. Rules are written as an
 * administrator writes them (routing.yaml) and loaded through {@link RoutingRulesFile}.
 */
class ContactPointRouterTest {
    private static final ContactPointDirectory DIRECTORY = ContactPointDirectory.of(
            contactPoint("VN-CUSTOMS-ASI", "VN", Category.values()),
            contactPoint("VN-DRUG-POLICE", "VN", Category.NARCOTICS, Category.PRECURSORS),
            contactPoint("VN-ENV-POLICE", "VN", Category.WILDLIFE),
            contactPoint("MY-CUSTOMS", "MY", Category.values()),
            contactPoint("TH-CUSTOMS", "TH", Category.values()),
            contactPoint("NG-CUSTOMS", "NG", Category.values()),
            contactPoint("RILO-AP", "KR", Category.values()));

    /** The demo alert's geography: from Lagos via Penang to Haiphong, concerning VN and MY. */
    private static final Route LAGOS_PENANG_HAIPHONG = new Route("NGLOS", List.of("MYPKG"), "VNHPH");

    @TempDir
    Path dir;

    @Test
    void routesByDestinationCountry() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], in: [destination], contactPoints: [VN-CUSTOMS-ASI] }
                """);

        assertThat(router.route(notice(Category.OTHER, new Route(null, List.of(), "VNSGN"), List.of("TH"))))
                .containsExactly(new RoutingDecision("VN-CUSTOMS-ASI", "VN-CUSTOMS-ASI: destination VN"));
    }

    @Test
    void routesByConcernedCountry() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [TH], in: [concerned], contactPoints: [TH-CUSTOMS] }
                """);

        assertThat(router.route(notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN", "TH"))))
                .containsExactly(new RoutingDecision("TH-CUSTOMS", "TH-CUSTOMS: concerned TH"));
    }

    @Test
    void routesByTransitCountry() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [MY], in: [transit], contactPoints: [MY-CUSTOMS] }
                """);

        assertThat(router.route(notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .containsExactly(new RoutingDecision("MY-CUSTOMS", "MY-CUSTOMS: transit MY"));
    }

    /** The origin country is not told unless a rule asks for it: the sender did not name it as concerned. */
    @Test
    void looksAtOriginOnlyWhenTheRuleAsksForIt() throws Exception {
        String rule = "  - { countries: [NG], %s contactPoints: [NG-CUSTOMS] }\n";
        Notice notice = notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN"));

        assertThat(router("rules:\n" + rule.formatted("in: [origin],")).route(notice))
                .containsExactly(new RoutingDecision("NG-CUSTOMS", "NG-CUSTOMS: origin NG"));
        assertThat(catchThrowableOfType(PackageRejected.class, () -> router("rules:\n" + rule.formatted("")).route(notice)).reason())
                .isEqualTo(RejectReason.NO_CONTACT_POINT);
    }

    /** A seizure report may name no route and no concerned country, only where the seizure happened. */
    @Test
    void routesByPlaceCountryWhenTheRuleAsksForIt() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [TH], in: [place], contactPoints: [TH-CUSTOMS] }
                """);
        Notice seizure = notice(Category.NARCOTICS, null, List.of(), new Place(PlaceRole.SEIZURE, "Laem Chabang", "TH", "THLCH"));

        assertThat(router.route(seizure)).containsExactly(new RoutingDecision("TH-CUSTOMS", "TH-CUSTOMS: place TH"));
    }

    @Test
    void ruleWithCategoriesIgnoresNoticesOfOtherCategories() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], categories: [WILDLIFE], contactPoints: [VN-ENV-POLICE] }
                  - { countries: [VN], categories: [NARCOTICS, PRECURSORS], contactPoints: [VN-DRUG-POLICE] }
                """);

        assertThat(router.route(notice(Category.PRECURSORS, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .containsExactly(new RoutingDecision("VN-DRUG-POLICE", "VN-DRUG-POLICE: category PRECURSORS, destination VN"));
    }

    /** Each matched country is named once, by the strongest place the notice names it: destination, concerned, transit. */
    @Test
    void reasonNamesTheCategoryAndEachMatchedCountryOnce() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [MY, VN], categories: [WILDLIFE], contactPoints: [VN-ENV-POLICE] }
                """);

        assertThat(router.route(notice(Category.WILDLIFE, LAGOS_PENANG_HAIPHONG, List.of("VN", "MY"))))
                .containsExactly(new RoutingDecision("VN-ENV-POLICE", "VN-ENV-POLICE: category WILDLIFE, destination VN, concerned MY"));
    }

    @Test
    void copyRuleAddsItsContactPointWhateverTheCountries() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], categories: [WILDLIFE], contactPoints: [VN-ENV-POLICE] }
                copies:
                  - { categories: [WILDLIFE], contactPoints: [RILO-AP] }
                """);

        assertThat(router.route(notice(Category.WILDLIFE, LAGOS_PENANG_HAIPHONG, List.of("VN", "MY")))).containsExactly(
                new RoutingDecision("VN-ENV-POLICE", "VN-ENV-POLICE: category WILDLIFE, destination VN"),
                new RoutingDecision("RILO-AP", "RILO-AP: copy rule, every WILDLIFE notice"));
    }

    @Test
    void copyRuleOfSeveralCategoriesNamesThemAll() throws Exception {
        ContactPointRouter router = router("""
                copies:
                  - { categories: [NARCOTICS, PRECURSORS], contactPoints: [RILO-AP] }
                """);

        assertThat(router.route(notice(Category.NARCOTICS, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .containsExactly(new RoutingDecision("RILO-AP", "RILO-AP: copy rule, every NARCOTICS or PRECURSORS notice"));
    }

    @Test
    void copyRuleWithCountriesAppliesOnlyToNoticesNamingOne() throws Exception {
        ContactPointRouter router = router("""
                copies:
                  - { countries: [TH], contactPoints: [RILO-AP] }
                defaults:
                  VN: VN-CUSTOMS-ASI
                """);

        assertThat(router.route(notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .extracting(RoutingDecision::contactPointId).containsExactly("VN-CUSTOMS-ASI");
        assertThat(router.route(notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN", "TH")))).containsExactly(
                new RoutingDecision("VN-CUSTOMS-ASI", "VN-CUSTOMS-ASI: default for VN"),
                new RoutingDecision("RILO-AP", "RILO-AP: copy rule, every notice, concerned TH"));
    }

    @Test
    void countryDefaultTakesWhatNoRuleSentForThatCountry() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], categories: [WILDLIFE], contactPoints: [VN-ENV-POLICE] }
                defaults:
                  VN: VN-CUSTOMS-ASI
                """);

        assertThat(router.route(notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .containsExactly(new RoutingDecision("VN-CUSTOMS-ASI", "VN-CUSTOMS-ASI: default for VN"));
    }

    @Test
    void countryDefaultIsNotUsedWhenARuleCoveredTheCountry() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], categories: [WILDLIFE], contactPoints: [VN-ENV-POLICE] }
                defaults:
                  VN: VN-CUSTOMS-ASI
                """);

        assertThat(router.route(notice(Category.WILDLIFE, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .extracting(RoutingDecision::contactPointId).containsExactly("VN-ENV-POLICE");
    }

    /** A copy is an addition: the country's own authorities must still get the notice. */
    @Test
    void copyRuleDoesNotTakeTheCountryDefaultsPlace() throws Exception {
        ContactPointRouter router = router("""
                defaults:
                  VN: VN-CUSTOMS-ASI
                copies:
                  - { countries: [VN], contactPoints: [RILO-AP] }
                """);

        assertThat(router.route(notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .extracting(RoutingDecision::contactPointId).containsExactly("VN-CUSTOMS-ASI", "RILO-AP");
    }

    /** Covering VN by a rule says nothing about MY and TH: each named country gets its own default. */
    @Test
    void noticeConcerningTwoCountriesReachesEachCountrysContactPoint() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], categories: [NARCOTICS], contactPoints: [VN-DRUG-POLICE] }
                defaults:
                  VN: VN-CUSTOMS-ASI
                  TH: TH-CUSTOMS
                  MY: MY-CUSTOMS
                """);

        assertThat(router.route(notice(Category.NARCOTICS, new Route("AUSYD", List.of(), "VNSGN"), List.of("VN", "TH"))))
                .containsExactly(
                        new RoutingDecision("VN-DRUG-POLICE", "VN-DRUG-POLICE: category NARCOTICS, destination VN"),
                        new RoutingDecision("TH-CUSTOMS", "TH-CUSTOMS: default for TH"));
    }

    /** One delivery per contact point: chosen by a rule and a copy rule, it appears once with both reasons. */
    @Test
    void contactPointChosenTwiceIsOneDecisionWithBothReasons() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [KR], contactPoints: [RILO-AP] }
                  - { countries: [VN], contactPoints: [VN-CUSTOMS-ASI, RILO-AP] }
                copies:
                  - { categories: [WILDLIFE], contactPoints: [RILO-AP] }
                """);

        assertThat(router.route(notice(Category.WILDLIFE, LAGOS_PENANG_HAIPHONG, List.of("VN", "KR")))).containsExactly(
                new RoutingDecision("RILO-AP", "RILO-AP: concerned KR; destination VN; copy rule, every WILDLIFE notice"),
                new RoutingDecision("VN-CUSTOMS-ASI", "VN-CUSTOMS-ASI: destination VN"));
    }

    /** Decisions follow the file (rules, defaults, copies), not hash order, so audit and receipts read the same every time. */
    @Test
    void decisionsFollowTheOrderOfTheFile() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [TH], contactPoints: [TH-CUSTOMS] }
                  - { countries: [MY], contactPoints: [MY-CUSTOMS] }
                defaults:
                  VN: VN-CUSTOMS-ASI
                copies:
                  - { contactPoints: [RILO-AP] }
                """);
        Notice notice = notice(Category.OTHER, LAGOS_PENANG_HAIPHONG, List.of("MY", "TH", "VN"));

        assertThat(router.route(notice)).extracting(RoutingDecision::contactPointId)
                .containsExactly("TH-CUSTOMS", "MY-CUSTOMS", "VN-CUSTOMS-ASI", "RILO-AP");
    }

    /** A contact point receives only the categories it handles; the country is then not covered, so its default applies. */
    @Test
    void contactPointIsPassedOverForACategoryItDoesNotHandle() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], contactPoints: [VN-DRUG-POLICE] }
                defaults:
                  VN: VN-CUSTOMS-ASI
                """);

        assertThat(router.route(notice(Category.WILDLIFE, LAGOS_PENANG_HAIPHONG, List.of("VN"))))
                .containsExactly(new RoutingDecision("VN-CUSTOMS-ASI", "VN-CUSTOMS-ASI: default for VN"));
    }

    /** "Every WILDLIFE notice" means every one: a copy alone is a routing, the receipt then names RILO-AP only. */
    @Test
    void noticeOnlyACopyRuleMatchesGoesToTheCopy() throws Exception {
        ContactPointRouter router = router("""
                defaults:
                  VN: VN-CUSTOMS-ASI
                copies:
                  - { categories: [WILDLIFE], contactPoints: [RILO-AP] }
                """);

        assertThat(router.route(notice(Category.WILDLIFE, new Route(null, List.of(), "THBKK"), List.of("TH"))))
                .extracting(RoutingDecision::contactPointId).containsExactly("RILO-AP");
    }

    @Test
    void refusesNoticeNothingRoutesAsNoContactPoint() throws Exception {
        ContactPointRouter router = router("""
                rules:
                  - { countries: [VN], contactPoints: [VN-CUSTOMS-ASI] }
                """);
        Notice notice = notice(Category.NARCOTICS, new Route(null, List.of(), "THBKK"), List.of("TH", "LA"));

        PackageRejected refused = catchThrowableOfType(PackageRejected.class, () -> router.route(notice));

        assertThat(refused.reason()).isEqualTo(RejectReason.NO_CONTACT_POINT);
        assertThat(refused.getMessage())
                .contains("notice TEST-0001 ", "category NARCOTICS", "destination TH", "concerned TH LA")
                .contains(dir.resolve("routing.yaml").toString())
                .contains("add a rule or a default for TH or LA", "docs/routing.md", "quarantine");
    }

    /** The admin sees which contact point would have matched, so the fix (a category) is obvious. */
    @Test
    void noContactPointMessageNamesContactPointsThatDoNotHandleTheCategory() throws Exception {
        ContactPointRouter router = router("""
                defaults:
                  VN: VN-DRUG-POLICE
                """);

        PackageRejected refused = catchThrowableOfType(PackageRejected.class,
                () -> router.route(notice(Category.WILDLIFE, LAGOS_PENANG_HAIPHONG, List.of("VN"))));

        assertThat(refused.reason()).isEqualTo(RejectReason.NO_CONTACT_POINT);
        assertThat(refused.getMessage()).contains("not handling WILDLIFE: VN-DRUG-POLICE (default for VN)",
                "add WILDLIFE to the categories of a contact point");
    }

    @Test
    void noContactPointMessageForANoticeNamingNoCountrySuggestsACopyRule() throws Exception {
        ContactPointRouter router = router("""
                defaults:
                  VN: VN-CUSTOMS-ASI
                """);

        PackageRejected refused = catchThrowableOfType(PackageRejected.class,
                () -> router.route(notice(Category.OTHER, null, List.of())));

        assertThat(refused.reason()).isEqualTo(RejectReason.NO_CONTACT_POINT);
        assertThat(refused.getMessage()).contains("no country at all", "add a copy rule for OTHER notices");
    }

    private ContactPointRouter router(String yaml) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, yaml);
        return new ContactPointRouter(RoutingRulesFile.load(file, DIRECTORY));
    }

    private static ContactPoint contactPoint(String id, String country, Category... categories) {
        return new ContactPoint(id, id, country, EnumSet.copyOf(List.of(categories)),
                URI.create("https://" + id.toLowerCase() + ".example/notices"), Optional.empty(), Credentials.NONE);
    }

    private static Notice notice(Category category, Route route, List<String> concerned, Place... places) {
        return new Notice("TEST-0001", NoticeKind.ALERT, category, new Agency("Test Customs", "CN"),
                new NoticeDates(OffsetDateTime.parse("2026-11-20T09:30:00+08:00"), LocalDate.parse("2026-11-19"), null),
                "A test notice.", List.of(places), List.of(), null, route, List.of(), null, Handling.AMBER, concerned,
                List.of(), null);
    }
}
