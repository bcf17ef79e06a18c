package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.dragongate.notice.AttachmentInfo;
import org.dragongate.notice.Notice;
import org.dragongate.notice.NoticeSchemaViolation;
import org.dragongate.notice.NoticeXml;
import org.dragongate.notice.Provenance;

/**
 * The last steps every format shares: read the tree in the common shape, check the rules, add what
 * the gateway knows, and write the XML, validated against the XSD.
 */
final class NoticeAssembly {
    private final NoticeXml xml;
    private final CountryCodes countries;

    NoticeAssembly(NoticeXml xml, CountryCodes countries) {
        this.xml = xml;
        this.countries = countries;
    }

    /** The converted notice, or null when {@code problems} received at least one problem. */
    ConvertedNotice assemble(JsonNode tree, Problems problems, Provenance provenance, List<AttachmentInfo> attachments)
            throws IOException {
        Notice notice = new NoticeTreeReader(problems).read(tree);
        if (notice == null) {
            return null;
        }
        new NoticeRules(countries, problems).check(notice);
        if (!problems.isEmpty()) {
            return null;
        }
        Notice complete = notice.withGatewayAdditions(provenance, attachments);
        try {
            return new ConvertedNotice(complete, xml.toXml(complete));
        } catch (NoticeSchemaViolation e) {
            // The rules above are meant to catch everything the schema does; should one slip through,
            // the notice is still refused, never delivered unvalidated.
            e.violations().forEach(violation -> problems.add("", null, "conformance to notice-1.xsd: " + violation));
            return null;
        }
    }
}
