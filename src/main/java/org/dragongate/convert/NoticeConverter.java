package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dragongate.notice.AttachmentInfo;
import org.dragongate.notice.NoticeTree;
import org.dragongate.notice.NoticeXml;
import org.dragongate.notice.Provenance;
import org.dragongate.refusal.PackageRejected;

/**
 * Converts a partner's notice document, whatever its format, into notices in the common schema:
 * recognises the format from the content and the partner's settings, reads it safely, maps a
 * partner layout through its mapping, checks every rule, adds the gateway's provenance and
 * attachment list, and writes XML validated against the XSD.
 *
 * <p>Refusals: {@code MALFORMED_DOCUMENT} when the document cannot be read safely (not XML, JSON or
 * CSV, a DOCTYPE, limits exceeded), {@code TOO_LARGE} when an XML or JSON document exceeds the
 * size limit, {@code INVALID_NOTICE} when it was read but does not meet the schema; the field
 * problems are then in {@link InvalidNotice#problemsOf}. Thread-safe; build one and share it.
 */
public final class NoticeConverter {
    private static final String CANONICAL_CSV = "canonical-csv.yaml";

    private final ConversionLimits limits;
    private final SafeDocuments documents;
    private final NoticeAssembly assembly;
    private final CsvNotices csv;

    public NoticeConverter() {
        this(new NoticeXml(), ConversionLimits.defaults());
    }

    public NoticeConverter(NoticeXml xml, ConversionLimits limits) {
        this.limits = limits;
        this.documents = new SafeDocuments(limits);
        this.assembly = new NoticeAssembly(xml, CountryCodes.iso3166());
        this.csv = new CsvNotices(limits, assembly, canonicalCsv());
    }

    /**
     * Converts a document and hands each notice to {@code sink} as soon as it is ready: one for XML
     * and JSON, one per row for CSV, in bounded memory. On a refusal the sink may already hold the
     * notices of earlier rows; they belong to a refused package (see {@link NoticeSink}).
     *
     * @param mediaType   the media type the document was labelled with, a hint for messages only
     * @param attachments the other documents of the package, listed in each notice
     */
    public ConversionSummary convert(InputStream document, String mediaType, PartnerFormat partner, Provenance provenance,
                                     List<AttachmentInfo> attachments, NoticeSink sink) throws PackageRejected, IOException {
        BufferedInputStream in = new BufferedInputStream(document, 1 << 16);
        DocumentSniffer.Sniffed sniffed = DocumentSniffer.sniff(in, mediaType);
        if (sniffed.syntax() == Syntax.CSV) {
            return csv.convert(in, sniffed.separator(), partner, provenance, attachments, sink);
        }
        byte[] bytes = documents.readBounded(in);
        DocumentFormat format;
        JsonNode tree;
        if (sniffed.syntax() == Syntax.XML) {
            SafeDocuments.XmlOutline outline = documents.outline(bytes);
            format = FormatChoice.forXml(outline, partner);
            tree = documents.xmlTree(bytes);
            if (format == DocumentFormat.CANONICAL_XML) {
                tree = canonicalXml(tree, outline);
            }
        } else {
            tree = documents.jsonTree(bytes);
            format = FormatChoice.forJson(tree, partner);
        }
        Problems problems = new Problems(limits.maxProblems());
        Map<String, String> origins = new HashMap<>();
        if (format.mapped()) {
            tree = new MappingEngine(partner.mapping().orElseThrow()).apply(tree, problems, origins);
        }
        ConvertedNotice notice = assembly.assemble(tree, problems, provenance, attachments);
        if (notice == null) {
            throw Refusals.invalid(Refusals.withOrigins(problems.list(), origins), problems.total());
        }
        sink.accept(notice);
        return new ConversionSummary(format, 1);
    }

    /**
     * The same, keeping the notices in memory: for XML and JSON (one notice) and small CSV files.
     * More than {@link ConversionLimits#maxCollectedNotices()} notices is refused as TOO_LARGE.
     */
    public ConversionResult convert(InputStream document, String mediaType, PartnerFormat partner, Provenance provenance,
                                    List<AttachmentInfo> attachments) throws PackageRejected, IOException {
        List<ConvertedNotice> notices = new ArrayList<>();
        ConversionSummary summary;
        try {
            summary = convert(document, mediaType, partner, provenance, attachments, notice -> {
                if (notices.size() >= limits.maxCollectedNotices()) {
                    throw new TooManyNotices();
                }
                notices.add(notice);
            });
        } catch (TooManyNotices e) {
            throw Refusals.tooLarge("the document holds more than " + limits.maxCollectedNotices()
                    + " notices; the gateway converts such files with a NoticeSink");
        }
        return new ConversionResult(summary.format(), notices);
    }

    /** The list wrappers become arrays; xsi:schemaLocation hints are not notice fields. */
    private static JsonNode canonicalXml(JsonNode tree, SafeDocuments.XmlOutline outline) throws PackageRejected {
        if (outline.foreignElement() != null) {
            throw Refusals.invalid(FieldProblem.of("", outline.foreignElement(),
                    "only elements of the namespace " + outline.root().getNamespaceURI()));
        }
        JsonNode unwrapped = NoticeTree.fromXml(tree);
        if (unwrapped instanceof ObjectNode object) {
            object.remove(List.of("schemaLocation", "noNamespaceSchemaLocation"));
        }
        return unwrapped;
    }

    private static Mapping canonicalCsv() {
        try (InputStream in = NoticeConverter.class.getResourceAsStream(CANONICAL_CSV)) {
            if (in == null) {
                throw new IllegalStateException(CANONICAL_CSV + " is missing from the classpath");
            }
            return MappingFile.readMapping(in, CANONICAL_CSV);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the collecting sink; never leaves this class. */
    private static final class TooManyNotices extends IOException {
        private static final long serialVersionUID = 1L;

        TooManyNotices() {
            super(null, null);
        }
    }
}
