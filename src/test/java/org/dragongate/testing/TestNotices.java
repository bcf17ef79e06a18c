package org.dragongate.testing;

/** Valid canonical notices (docs/schema.md) for tests that send packages through the whole flow. */
public final class TestNotices {
    private TestNotices() {
    }

    /** A wildlife alert from {@code partnerId} with the given notice id; it passes every conversion rule. */
    public static String alert(String partnerId, String id) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <notice xmlns="urn:dragongate:notice:1">
                  <id>%s</id>
                  <kind>ALERT</kind>
                  <category>WILDLIFE</category>
                  <issuingAgency><name>%s</name><country>CN</country></issuingAgency>
                  <dates><issued>2026-11-20T09:30:00+08:00</issued></dates>
                  <summary>Container suspected to carry pangolin scales declared as cashew nuts.</summary>
                  <commodities>
                    <commodity>
                      <description>Pangolin scales</description>
                      <hsCode>050800</hsCode>
                      <cites><species>Manis javanica</species><appendix>I</appendix></cites>
                      <quantity><value>1200.5</value><unit>kg</unit></quantity>
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
                """.formatted(id, partnerId);
    }
}
