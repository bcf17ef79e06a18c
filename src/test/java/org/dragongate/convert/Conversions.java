package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dragongate.notice.AttachmentInfo;
import org.dragongate.notice.Notice;
import org.dragongate.notice.Provenance;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/** Shared fixtures of the conversion tests: one converter, a provenance, sample documents. */
final class Conversions {
    static final NoticeConverter CONVERTER = new NoticeConverter();
    static final Provenance PROVENANCE = new Provenance("CN-GACC", "CN=CN-GACC signer,O=GACC,C=CN", "3f9a01",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "sftp", Instant.parse("2026-11-23T14:07:13Z"));
    static final List<AttachmentInfo> ATTACHMENTS = List.of(new AttachmentInfo("2-bill-of-lading.txt", "text/plain", 1234,
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"));
    static final PartnerFormat CANONICAL = PartnerFormat.canonicalOnly("CN-GACC");
    static final Path MAPPINGS = Path.of("config/mappings");

    /** A complete alert in canonical JSON. */
    static final String ALERT_JSON = """
            {
              "id": "CN-GACC-2026-000123",
              "kind": "ALERT",
              "category": "WILDLIFE",
              "issuingAgency": { "name": "General Administration of Customs of China", "country": "CN" },
              "dates": { "issued": "2026-11-20T09:30:00+08:00", "event": "2026-12-02" },
              "summary": "Container suspected to carry pangolin scales declared as cashew nuts.",
              "commodities": [
                { "description": "Pangolin scales", "hsCode": "050800",
                  "cites": { "species": "Manis javanica", "appendix": "I" },
                  "quantity": { "value": 1200.5, "unit": "kg" } }
              ],
              "conveyance": { "mode": "SEA", "vesselOrFlight": "EXAMPLE STAR", "containerNumbers": ["MSCU1234566"] },
              "route": { "origin": "NGLOS", "transits": ["MYPKG"], "destination": "VNHPH" },
              "handling": "AMBER",
              "concernedCountries": ["VN", "MY"]
            }
            """;

    /** The same alert in canonical XML. */
    static final String ALERT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <notice xmlns="urn:dragongate:notice:1">
              <id>CN-GACC-2026-000123</id>
              <kind>ALERT</kind>
              <category>WILDLIFE</category>
              <issuingAgency><name>General Administration of Customs of China</name><country>CN</country></issuingAgency>
              <dates><issued>2026-11-20T09:30:00+08:00</issued><event>2026-12-02</event></dates>
              <summary>Container suspected to carry pangolin scales declared as cashew nuts.</summary>
              <commodities>
                <commodity>
                  <description>Pangolin scales</description>
                  <hsCode>050800</hsCode>
                  <cites><species>Manis javanica</species><appendix>I</appendix></cites>
                  <quantity><value>1200.50</value><unit>kg</unit></quantity>
                </commodity>
              </commodities>
              <conveyance>
                <mode>SEA</mode>
                <vesselOrFlight>EXAMPLE STAR</vesselOrFlight>
                <containerNumbers><containerNumber>MSCU1234566</containerNumber></containerNumbers>
              </conveyance>
              <route><origin>NGLOS</origin><transits><transit>MYPKG</transit></transits><destination>VNHPH</destination></route>
              <handling>AMBER</handling>
              <concernedCountries><country>VN</country><country>MY</country></concernedCountries>
            </notice>
            """;

    /** The same alert as a one-row canonical CSV. */
    static final String ALERT_CSV = """
            id,kind,category,issuingAgency.name,issuingAgency.country,dates.issued,dates.event,summary,commodity.description,\
            commodity.hsCode,commodity.cites.species,commodity.cites.appendix,commodity.quantity.value,commodity.quantity.unit,\
            conveyance.mode,conveyance.vesselOrFlight,conveyance.containerNumbers,route.origin,route.transits,route.destination,\
            handling,concernedCountries
            CN-GACC-2026-000123,ALERT,WILDLIFE,General Administration of Customs of China,CN,2026-11-20T09:30:00+08:00,2026-12-02,\
            Container suspected to carry pangolin scales declared as cashew nuts.,Pangolin scales,050800,Manis javanica,I,1200.5,kg,\
            SEA,EXAMPLE STAR,MSCU1234566,NGLOS,MYPKG,VNHPH,AMBER,VN MY
            """;

    private Conversions() {
    }

    static ConversionResult convert(String document, PartnerFormat partner) throws PackageRejected {
        return convert(document, "application/octet-stream", partner);
    }

    static ConversionResult convert(String document, String mediaType, PartnerFormat partner) throws PackageRejected {
        try {
            return CONVERTER.convert(stream(document), mediaType, partner, PROVENANCE, ATTACHMENTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Notice notice(String document, PartnerFormat partner) throws PackageRejected {
        return convert(document, partner).single().notice();
    }

    /** The refusal of a document that must be refused for {@code reason}. */
    static PackageRejected refusal(String document, PartnerFormat partner, RejectReason reason) {
        PackageRejected rejected = catchThrowableOfType(PackageRejected.class, () -> convert(document, partner));
        assertThat(rejected).as("a refusal").isNotNull();
        assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(reason);
        return rejected;
    }

    /** The field problems of a document that must be refused as INVALID_NOTICE. */
    static List<FieldProblem> problems(String document, PartnerFormat partner) {
        return InvalidNotice.problemsOf(refusal(document, partner, RejectReason.INVALID_NOTICE));
    }

    static List<FieldProblem> problems(String document) {
        return problems(document, CANONICAL);
    }

    static InputStream stream(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }

    static PartnerFormat partner(String id) {
        return new PartnerFormats(MAPPINGS).forPartner(id);
    }

    static InputStream resource(String name) {
        InputStream in = Conversions.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource missing: " + name);
        }
        return in;
    }
}
