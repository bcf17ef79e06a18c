package org.dragongate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.dragongate.notice.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routing.yaml is read strictly: a typo must stop the gateway at start-up with the file and the
 * entry named, not route intelligence to the wrong agency or to nobody.
 */
class RoutingRulesFileTest {
    private static final ContactPointDirectory DIRECTORY = ContactPointDirectory.of(
            contactPoint("VN-CUSTOMS-ASI", Category.values()),
            contactPoint("VN-ENV-POLICE", Category.WILDLIFE),
            contactPoint("RILO-AP", Category.values()));

    @TempDir
    Path dir;

    @Test
    void readsRulesDefaultsAndCopies() throws IOException {
        RoutingRules rules = load("""
                rules:
                  - countries: [VN]
                    in: [destination, transit]
                    categories: [WILDLIFE]
                    contactPoints: [VN-ENV-POLICE]
                defaults:
                  VN: VN-CUSTOMS-ASI
                copies:
                  - categories: [WILDLIFE]
                    contactPoints: [RILO-AP]
                """);

        assertThat(rules.rules()).hasSize(2);
        RoutingRule rule = rules.rules().get(0);
        assertThat(rule.copy()).isFalse();
        assertThat(rule.countries()).containsExactly("VN");
        assertThat(rule.sources()).containsExactly(CountrySource.DESTINATION, CountrySource.TRANSIT);
        assertThat(rule.categories()).containsExactly(Category.WILDLIFE);
        assertThat(rule.contactPoints()).extracting(ContactPoint::id).containsExactly("VN-ENV-POLICE");
        assertThat(rules.rules().get(1).copy()).isTrue();
        assertThat(rules.defaults()).containsOnlyKeys("VN");
        assertThat(rules.defaults().get("VN").id()).isEqualTo("VN-CUSTOMS-ASI");
        assertThat(rules.source()).isEqualTo(dir.resolve("routing.yaml").toString());
    }

    /** Without {@code in}, a rule looks where the issue says concerned countries come from: destination, concerned, transit. */
    @Test
    void ruleWithoutInLooksAtDestinationConcernedAndTransit() throws IOException {
        RoutingRules rules = load("rules:\n  - { countries: [VN], contactPoints: [VN-CUSTOMS-ASI] }\n");

        assertThat(rules.rules().get(0).sources())
                .containsExactly(CountrySource.DESTINATION, CountrySource.CONCERNED, CountrySource.TRANSIT);
    }

    /** {@code category:} for {@code categories:} would otherwise widen the rule to every category. */
    @Test
    void refusesUnknownKeyInARule() {
        assertThat(refusal("rules:\n  - { countries: [VN], category: [WILDLIFE], contactPoints: [VN-ENV-POLICE] }\n"))
                .contains(dir.resolve("routing.yaml").toString(), "rules entry 1", "unknown key 'category'", "categories");
    }

    @Test
    void refusesUnknownTopLevelKey() {
        assertThat(refusal("copy:\n  - { contactPoints: [RILO-AP] }\n"))
                .contains("top level", "unknown key 'copy'", "copies");
    }

    @Test
    void refusesRuleNamingAContactPointNotInTheDirectory() {
        assertThat(refusal("""
                rules:
                  - { countries: [VN], contactPoints: [VN-CUSTOMS-ASI] }
                  - { countries: [VN], contactPoints: [VN-ENV-POLICY] }
                """)).contains("rules entry 2", "contact point 'VN-ENV-POLICY' is not in the contact-point directory",
                "RILO-AP, VN-CUSTOMS-ASI, VN-ENV-POLICE");
    }

    @Test
    void refusesDefaultNamingAContactPointNotInTheDirectory() {
        assertThat(refusal("defaults:\n  VN: VN-CUSTOMS\n")).contains("defaults VN", "contact point 'VN-CUSTOMS' is not in");
    }

    @Test
    void refusesCopyRuleNamingAContactPointNotInTheDirectory() {
        assertThat(refusal("copies:\n  - { categories: [WILDLIFE], contactPoints: [RILO] }\n"))
                .contains("copies entry 1", "contact point 'RILO' is not in");
    }

    /** Such a rule would send nothing: the router passes over contact points for categories they do not handle. */
    @Test
    void refusesRuleSendingACategoryItsContactPointDoesNotHandle() {
        assertThat(refusal("rules:\n  - { countries: [VN], categories: [NARCOTICS], contactPoints: [VN-ENV-POLICE] }\n"))
                .contains("rules entry 1", "contact point VN-ENV-POLICE does not handle NARCOTICS", "[WILDLIFE]");
    }

    @Test
    void refusesUnassignedCountryCode() {
        assertThat(refusal("rules:\n  - { countries: [UK], contactPoints: [VN-CUSTOMS-ASI] }\n"))
                .contains("rules entry 1", "'UK' is not an assigned ISO 3166-1 alpha-2 country code");
        assertThat(refusal("defaults:\n  VNM: VN-CUSTOMS-ASI\n")).contains("defaults VNM", "'VNM' is not an assigned");
    }

    /** YAML 1.1 reads an unquoted NO as false; the message says how to write Norway. */
    @Test
    void refusesUnquotedNorwayWithAHint() {
        assertThat(refusal("rules:\n  - { countries: [NO], contactPoints: [VN-CUSTOMS-ASI] }\n"))
                .contains("rules entry 1", "countries", "as a boolean; quote the value, e.g. \"NO\" for Norway");
    }

    @Test
    void refusesUnknownCategoryAndUnknownSource() {
        assertThat(refusal("copies:\n  - { categories: [CITES], contactPoints: [RILO-AP] }\n"))
                .contains("copies entry 1", "category 'CITES' is not one of [NARCOTICS, PRECURSORS, WILDLIFE, OTHER]");
        assertThat(refusal("rules:\n  - { countries: [VN], in: [destinaton], contactPoints: [VN-CUSTOMS-ASI] }\n"))
                .contains("rules entry 1", "in: 'destinaton' is not one of [destination, concerned, transit, origin, place]");
    }

    @Test
    void refusesCountryRuleWithoutCountries() {
        assertThat(refusal("rules:\n  - { categories: [WILDLIFE], contactPoints: [RILO-AP] }\n"))
                .contains("rules entry 1", "countries is required", "copy rule");
    }

    /** A YAML parser keeps the last of two equal keys; an admin who wrote both meant something else. */
    @Test
    void refusesTheSameCountryTwiceInDefaults() {
        assertThat(refusal("defaults:\n  VN: VN-CUSTOMS-ASI\n  VN: RILO-AP\n")).contains("Duplicate field 'VN'");
    }

    @Test
    void refusesAFileThatRoutesNothing() {
        assertThat(refusal("rules: []\n")).contains("every notice would be refused as NO_CONTACT_POINT");
        assertThat(refusal("")).contains("the file is empty");
    }

    @Test
    void refusesASingleValueWhereAListIsExpected() {
        assertThat(refusal("rules:\n  - { countries: VN, contactPoints: [VN-CUSTOMS-ASI] }\n"))
                .contains("rules entry 1", "countries: expected a non-empty list");
    }

    private RoutingRules load(String yaml) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, yaml);
        return RoutingRulesFile.load(file, DIRECTORY);
    }

    private String refusal(String yaml) {
        IOException refused = catchThrowableOfType(IOException.class, () -> load(yaml));
        assertThat(refused).as("loading should fail").isNotNull();
        return refused.getMessage();
    }

    private static ContactPoint contactPoint(String id, Category... categories) {
        return new ContactPoint(id, id, "VN", EnumSet.copyOf(List.of(categories)), URI.create("https://cp.example/" + id),
                Optional.empty(), Credentials.NONE);
    }
}
