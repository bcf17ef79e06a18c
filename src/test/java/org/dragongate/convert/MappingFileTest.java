package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partner format files are checked whole when loaded, so an administrator's mistake is refused with
 * the file and the place in it, before any package depends on it.
 */
class MappingFileTest {
    @TempDir
    Path mappings;

    @Test
    void loadsTheShippedExampleMappings() {
        var formats = new PartnerFormats(Conversions.MAPPINGS).loadAll();

        assertThat(formats).containsOnlyKeys("AU-ABF", "JP-CUSTOMS");
        assertThat(formats.get("JP-CUSTOMS").accepted()).containsExactlyInAnyOrder(DocumentFormat.CANONICAL_XML, DocumentFormat.MAPPED_XML);
        assertThat(formats.get("AU-ABF").mappedSyntax()).contains(Syntax.JSON);
    }

    @Test
    void givesAPartnerWithoutAFileTheCommonSchemaOnly() {
        PartnerFormat format = new PartnerFormats(mappings).forPartner("CN-GACC");

        assertThat(format.accepted()).containsExactlyInAnyOrder(DocumentFormat.CANONICAL_XML, DocumentFormat.CANONICAL_JSON,
                DocumentFormat.CANONICAL_CSV);
        assertThat(format.mappedSyntax()).isEmpty();
    }

    @Test
    void acceptsTheCommonSchemaAndTheMappedLayoutWhenAcceptsIsLeftOut() throws IOException {
        write("XX-TEST", validMapping(""));

        assertThat(new PartnerFormats(mappings).forPartner("XX-TEST").accepted()).contains(DocumentFormat.CANONICAL_CSV,
                DocumentFormat.MAPPED_JSON);
    }

    @Test
    void refusesTargetFieldOutsideTheCommonSchema() throws IOException {
        write("XX-TEST", validMapping("").replace("summary:", "sumary:"));

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XX-TEST.yaml: mapping.fields.sumary: expected a field of the common schema");
    }

    @Test
    void refusesValueMapIntoAWordTheFieldDoesNotTake() throws IOException {
        write("XX-TEST", validMapping("").replace("values: { Drugs: NARCOTICS }", "values: { Drugs: DRUGS }"));

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST"))
                .hasMessageContaining("mapping.fields.category.values.Drugs: expected one of NARCOTICS, OTHER, PRECURSORS, WILDLIFE (got \"DRUGS\")");
    }

    /** YAML 1.1 reads an unquoted NO (Norway) as false; a country code must never become "false". */
    @Test
    void refusesUnquotedYamlBooleanWhereAValueIsExpected() throws IOException {
        write("XX-TEST", validMapping("").replace("issuingAgency.country: { value: \"XX\" }", "issuingAgency.country: { value: NO }"));

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST"))
                .hasMessageContaining("mapping.fields.issuingAgency.country.value: expected a quoted string");
    }

    @Test
    void refusesRuleWithBothPathAndConstant() throws IOException {
        write("XX-TEST", validMapping("").replace("id: { from: /ref }", "id: { from: /ref, value: X }"));

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST"))
                .hasMessageContaining("mapping.fields.id: expected exactly one of from");
    }

    @Test
    void refusesMappedFormatWithoutAMapping() throws IOException {
        write("XX-TEST", "partner: XX-TEST\naccepts: [canonical-xml, mapped-xml]\n");

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST"))
                .hasMessageContaining("accepts: expected mapped-xml only with a mapping whose syntax is xml");
    }

    @Test
    void refusesFileWhosePartnerIsNotTheOneItIsNamedFor() throws IOException {
        write("XX-TEST", validMapping("").replace("partner: XX-TEST", "partner: YY-TEST"));

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST")).hasMessageContaining("partner is YY-TEST");
    }

    /** The partner id becomes a file name: nothing outside the id alphabet may reach the file system. */
    @Test
    void refusesPartnerIdThatCouldLeaveTheDirectory() {
        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a partner id");
    }

    @Test
    void refusesSplitOnAFieldThatHoldsOneValue() throws IOException {
        write("XX-TEST", validMapping("").replace("summary: { from: /text }", "summary: { from: /text, transform: split }"));

        assertThatThrownBy(() -> new PartnerFormats(mappings).forPartner("XX-TEST"))
                .hasMessageContaining("mapping.fields.summary.transform: expected no split");
    }

    private void write(String partner, String yaml) throws IOException {
        Files.writeString(mappings.resolve(partner + ".yaml"), yaml);
    }

    private static String validMapping(String accepts) {
        return """
                partner: XX-TEST
                %s
                mapping:
                  syntax: json
                  detect: /ref
                  fields:
                    id: { from: /ref }
                    kind: { value: INFORMATION }
                    category: { from: /group, values: { Drugs: NARCOTICS } }
                    issuingAgency.name: { value: Test agency }
                    issuingAgency.country: { value: "XX" }
                    summary: { from: /text }
                """.formatted(accepts);
    }
}
