package org.dragongate.convert;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dragongate.notice.AttachmentInfo;
import org.dragongate.notice.Provenance;
import org.dragongate.refusal.PackageRejected;

/**
 * Converts a CSV file row by row: each row is read into a small tree, mapped, checked, written and
 * handed to the sink before the next is read, so memory stays flat however many rows there are.
 * After the first row with problems no more notices go to the sink (the package will be refused),
 * but reading goes on to collect the problems of later rows, up to the limit, for one complete receipt.
 */
final class CsvNotices {
    private final ConversionLimits limits;
    private final NoticeAssembly assembly;
    private final Mapping canonical;
    private final CsvMapper csv;

    CsvNotices(ConversionLimits limits, NoticeAssembly assembly, Mapping canonical) {
        this.limits = limits;
        this.assembly = assembly;
        this.canonical = canonical;
        CsvFactory factory = CsvFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxStringLength()).build())
                .enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .build();
        this.csv = CsvMapper.builder(factory).build();
    }

    ConversionSummary convert(InputStream in, char separator, PartnerFormat partner, Provenance provenance,
                              List<AttachmentInfo> attachments, NoticeSink sink) throws IOException, PackageRejected {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        long row = 0;
        try (MappingIterator<JsonNode> rows = csv.readerFor(JsonNode.class).with(schema).readValues(in)) {
            boolean any = rows.hasNextValue();
            List<String> header = header(rows);
            DocumentFormat format = FormatChoice.forCsv(header, partner);
            Mapping mapping = format.mapped() ? partner.mapping().orElseThrow() : canonical;
            checkHeader(header, mapping);
            MappingEngine engine = new MappingEngine(mapping);
            Problems all = new Problems(limits.maxProblems());
            long converted = 0;
            while (any && !all.isFull()) {
                JsonNode values = rows.nextValue();
                row++;
                Problems problems = new Problems(limits.maxProblems());
                Map<String, String> origins = new HashMap<>();
                JsonNode tree = engine.apply(values, problems, origins);
                ConvertedNotice notice = assembly.assemble(tree, problems, provenance, attachments);
                if (notice != null && all.isEmpty()) {
                    sink.accept(notice);
                    converted++;
                }
                for (FieldProblem problem : Refusals.withOrigins(problems.list(), origins)) {
                    all.add(problem.inRow(row));
                }
                any = rows.hasNextValue();
            }
            if (row == 0) {
                throw Refusals.invalid(FieldProblem.missing("", "at least one row after the header"));
            }
            if (!all.isEmpty()) {
                throw Refusals.invalid(all.list(), all.total());
            }
            return new ConversionSummary(format, converted);
        } catch (RuntimeJsonMappingException e) {
            throw Refusals.malformed("the CSV is not readable at row " + (row + 1) + ": " + SafeDocuments.firstLine(e.getMessage()), e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw Refusals.malformed("the CSV is not readable at row " + (row + 1) + ": " + SafeDocuments.firstLine(e.getOriginalMessage()), e);
        }
    }

    private List<String> header(MappingIterator<JsonNode> rows) throws PackageRejected {
        CsvSchema read = (CsvSchema) rows.getParser().getSchema();
        List<String> header = new ArrayList<>();
        read.forEach(column -> header.add(column.getName()));
        if (header.size() > limits.maxCsvColumns()) {
            throw Refusals.malformed("the CSV header has " + header.size() + " columns, more than " + limits.maxCsvColumns(), null);
        }
        return header;
    }

    /** A column the layout does not know would be dropped silently from every row: refuse the file instead. */
    private static void checkHeader(List<String> header, Mapping mapping) throws PackageRejected {
        Set<String> known = new LinkedHashSet<>();
        columns(mapping.rules(), known);
        Set<String> seen = new HashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (String column : header) {
            if (!seen.add(column)) {
                problems.add(new FieldProblem(0, "", "header", column, "each column once"));
            } else if (!known.contains(column)) {
                problems.add(new FieldProblem(0, "", "header", column, "a column of the layout: " + String.join(", ", known)));
            }
        }
        if (!problems.isEmpty()) {
            throw Refusals.invalid(problems, problems.size());
        }
    }

    private static void columns(List<FieldRule> rules, Set<String> known) {
        for (FieldRule rule : rules) {
            if (rule.from() != null && !rule.from().steps().isEmpty()) {
                known.add(rule.from().steps().get(0));
            }
            columns(rule.itemRules(), known);
        }
    }
}
