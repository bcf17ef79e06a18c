package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dragongate.convert.Conversions.ALERT_CSV;
import static org.dragongate.convert.Conversions.ATTACHMENTS;
import static org.dragongate.convert.Conversions.CANONICAL;
import static org.dragongate.convert.Conversions.CONVERTER;
import static org.dragongate.convert.Conversions.PROVENANCE;
import static org.dragongate.convert.Conversions.problems;
import static org.dragongate.convert.Conversions.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.notice.NoticeXml;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.Test;

/** Seizure lists: one notice per CSV row, handed over row by row. */
class CsvConversionTest {
    private static final String HEADER = ALERT_CSV.lines().findFirst().orElseThrow();
    private static final String ROW = ALERT_CSV.lines().skip(1).findFirst().orElseThrow();

    @Test
    void handsEachRowToTheSinkAsANoticeInFileOrder() throws Exception {
        List<ConvertedNotice> received = new ArrayList<>();

        ConversionSummary summary = CONVERTER.convert(stream(csv(row(1), row(2), row(3))), "text/csv", CANONICAL, PROVENANCE,
                ATTACHMENTS, received::add);

        assertThat(summary).isEqualTo(new ConversionSummary(DocumentFormat.CANONICAL_CSV, 3));
        assertThat(received).extracting(notice -> notice.notice().id()).containsExactly("ROW-1", "ROW-2", "ROW-3");
        assertThat(received).allSatisfy(notice -> assertThat(notice.notice().provenance()).isEqualTo(PROVENANCE));
    }

    @Test
    void reportsRowNumberAndColumnOfEachProblem() {
        String bad = csv(row(1), row(2).replace(",050800,", ",0508,"), row(3));

        assertThat(problems(bad)).containsExactly(
                new FieldProblem(2, "commodities[0].hsCode", "column commodity.hsCode", "0508", "an HS code of 6 to 10 digits"));
    }

    /** The package will be refused: nothing after a bad row is delivered, but later rows are still checked for the receipt. */
    @Test
    void stopsDeliveringAtTheFirstBadRowButReportsLaterOnes() {
        List<ConvertedNotice> received = new ArrayList<>();
        String bad = csv(row(1), row(2).replace(",kg,", ",lbs,"), row(3), row(4).replace(",VN MY", ",VN UK"));

        PackageRejected rejected = catchThrowableOfType(PackageRejected.class, () -> CONVERTER.convert(stream(bad), "text/csv",
                CANONICAL, PROVENANCE, ATTACHMENTS, received::add));

        assertThat(received).extracting(notice -> notice.notice().id()).containsExactly("ROW-1");
        assertThat(InvalidNotice.problemsOf(rejected)).extracting(FieldProblem::row).containsExactly(2L, 4L);
    }

    @Test
    void stopsReadingOnceTheProblemLimitIsReached() throws IOException {
        NoticeConverter converter = new NoticeConverter(new NoticeXml(), new ConversionLimits(1 << 20, 64, 1 << 20, 5, 100, 200));
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            rows.add(row(i).replace(",AMBER,", ",PURPLE,"));
        }

        PackageRejected rejected = catchThrowableOfType(PackageRejected.class, () -> converter.convert(stream(csv(rows.toArray(String[]::new))),
                "text/csv", CANONICAL, PROVENANCE, ATTACHMENTS));

        assertThat(InvalidNotice.problemsOf(rejected)).hasSize(5);
        assertThat(rejected.getMessage()).contains("(5 problems)");
    }

    /** An unknown column would silently lose that column in every row. */
    @Test
    void refusesHeaderWithUnknownColumn() {
        String misspelt = csv(row(1)).replace("commodity.hsCode", "commodity.hs");

        assertThat(problems(misspelt)).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("header");
            assertThat(problem.value()).isEqualTo("commodity.hs");
        });
    }

    @Test
    void refusesHeaderWithoutRows() {
        assertThat(problems(HEADER + "\n")).singleElement().extracting(FieldProblem::expected)
                .isEqualTo("at least one row after the header");
    }

    /** A row whose place columns are empty has no place, rather than a place with only the default role. */
    @Test
    void leavesOutAListItemWhoseColumnsAreEmpty() throws PackageRejected {
        assertThat(Conversions.notice(csv(row(1)), CANONICAL).places()).isEmpty();
    }

    @Test
    void refusesMoreNoticesThanTheCollectingVariantKeeps() {
        NoticeConverter converter = new NoticeConverter(new NoticeXml(), new ConversionLimits(1 << 20, 64, 1 << 20, 100, 2, 200));

        PackageRejected rejected = catchThrowableOfType(PackageRejected.class, () -> converter.convert(stream(csv(row(1), row(2), row(3))),
                "text/csv", CANONICAL, PROVENANCE, ATTACHMENTS));

        assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_LARGE);
    }

    private static String row(int number) {
        return ROW.replace("CN-GACC-2026-000123", "ROW-" + number);
    }

    private static String csv(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }
}
