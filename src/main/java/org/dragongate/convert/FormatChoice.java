package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.stream.Collectors;
import org.dragongate.notice.Notice;
import org.dragongate.refusal.PackageRejected;

/**
 * Decides which format a document is in, from its content and the partner's settings: the root
 * element for XML, a marker path for JSON, a header column for CSV; then whether the partner may
 * send that format at all.
 */
final class FormatChoice {
    private FormatChoice() {
    }

    static DocumentFormat forXml(SafeDocuments.XmlOutline outline, PartnerFormat partner) throws PackageRejected {
        var root = outline.root();
        DocumentFormat format;
        if (Notice.NAMESPACE.equals(root.getNamespaceURI()) && "notice".equals(root.getLocalPart())) {
            format = DocumentFormat.CANONICAL_XML;
        } else {
            Mapping mapping = partner.mapping().filter(m -> m.syntax() == Syntax.XML).orElse(null);
            boolean theirs = mapping != null && mapping.detect().equals(root.getLocalPart())
                    && (mapping.namespace() == null || mapping.namespace().equals(root.getNamespaceURI()));
            if (!theirs) {
                throw Refusals.invalid(new FieldProblem(0, "", null, "{" + root.getNamespaceURI() + "}" + root.getLocalPart(),
                        "a root element {" + Notice.NAMESPACE + "}notice" + (mapping == null ? ""
                                : " or, in " + partner.partnerId() + "'s own layout, " + describe(mapping))));
            }
            format = DocumentFormat.MAPPED_XML;
        }
        return accepted(format, partner);
    }

    static DocumentFormat forJson(JsonNode tree, PartnerFormat partner) throws PackageRejected {
        Mapping mapping = partner.mapping().filter(m -> m.syntax() == Syntax.JSON).orElse(null);
        boolean theirs = mapping != null && !SourcePath.parse(mapping.detect()).resolve(tree, tree).isMissingNode();
        return accepted(theirs ? DocumentFormat.MAPPED_JSON : DocumentFormat.CANONICAL_JSON, partner);
    }

    static DocumentFormat forCsv(Collection<String> header, PartnerFormat partner) throws PackageRejected {
        Mapping mapping = partner.mapping().filter(m -> m.syntax() == Syntax.CSV).orElse(null);
        boolean theirs = mapping != null && header.contains(mapping.detect());
        return accepted(theirs ? DocumentFormat.MAPPED_CSV : DocumentFormat.CANONICAL_CSV, partner);
    }

    private static DocumentFormat accepted(DocumentFormat format, PartnerFormat partner) throws PackageRejected {
        if (!partner.accepts(format)) {
            String allowed = partner.accepted().stream().sorted().map(f -> f.mapped()
                    ? f.configName() + " (" + partner.mapping().map(FormatChoice::describe).orElse("") + ")"
                    : f.configName()).collect(Collectors.joining(", "));
            throw Refusals.invalid(new FieldProblem(0, "", null, format.configName(),
                    "a format " + partner.partnerId() + " may send: " + allowed));
        }
        return format;
    }

    private static String describe(Mapping mapping) {
        return switch (mapping.syntax()) {
            case XML -> "root element " + (mapping.namespace() == null ? "" : "{" + mapping.namespace() + "}") + mapping.detect();
            case JSON -> "JSON with " + mapping.detect();
            case CSV -> "CSV with column " + mapping.detect();
        };
    }
}
