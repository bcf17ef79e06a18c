package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dragongate.convert.Conversions.ALERT_JSON;
import static org.dragongate.convert.Conversions.ATTACHMENTS;
import static org.dragongate.convert.Conversions.CANONICAL;
import static org.dragongate.convert.Conversions.PROVENANCE;
import static org.dragongate.convert.Conversions.refusal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.notice.NoticeXml;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile documents: external entities (XXE), entity expansion (billion laughs), nesting bombs and
 * oversized parts. Each is refused as MALFORMED_DOCUMENT (or TOO_LARGE) without reading a file or
 * building anything large; SmallHeapConversionTest runs the bombs in a 32 MB heap.
 */
class SafeParsingTest {
    private static final String SECRET = "TOP-SECRET-7f3c91 do not leak";

    @TempDir
    Path temp;

    /** The classic XXE: an external entity naming a local file, used in a field that would be echoed back. */
    @Test
    void refusesExternalEntityWithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), SECRET);
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE notice [ <!ENTITY xxe SYSTEM "%s"> ]>
                <notice xmlns="urn:dragongate:notice:1"><id>&xxe;</id><summary>&xxe;</summary></notice>
                """.formatted(secret.toUri());
        List<Object> delivered = new ArrayList<>();

        PackageRejected rejected = catchThrowableOfType(PackageRejected.class, () -> Conversions.CONVERTER.convert(
                new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), "application/xml", CANONICAL, PROVENANCE,
                ATTACHMENTS, delivered::add));

        assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED_DOCUMENT);
        assertThat(rejected.getMessage()).contains("DOCTYPE");
        assertThat(everythingSaidAbout(rejected)).doesNotContain("TOP-SECRET");
        assertThat(delivered).isEmpty();
    }

    /** Out-of-band XXE goes through a parameter entity inside the DTD, before any element is read. */
    @Test
    void refusesParameterEntityWithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.dtd"), "<!ENTITY leak \"" + SECRET + "\">");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE notice [ <!ENTITY %% remote SYSTEM "%s"> %%remote; ]>
                <notice xmlns="urn:dragongate:notice:1"><id>&leak;</id></notice>
                """.formatted(secret.toUri());

        PackageRejected rejected = refusal(xxe, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(everythingSaidAbout(rejected)).doesNotContain("TOP-SECRET");
    }

    /** Ten levels of ten: 10^9 "lol"s, about 3 GB if expanded. */
    @Test
    void refusesBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE notice [" + dtd + "]>"
                + "<notice xmlns=\"urn:dragongate:notice:1\"><summary>&lol9;</summary></notice>";

        PackageRejected rejected = refusal(bomb, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).contains("DOCTYPE");
    }

    /** Without a DTD an entity reference is undeclared: refused, not left as text or resolved. */
    @Test
    void refusesUndeclaredEntityReference() {
        String undeclared = "<notice xmlns=\"urn:dragongate:notice:1\"><id>&xxe;</id></notice>";

        PackageRejected rejected = refusal(undeclared, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).contains("xxe");
    }

    @Test
    void refusesJsonNestingBomb() {
        String bomb = "[".repeat(100_000) + "]".repeat(100_000);

        PackageRejected rejected = refusal(bomb, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).containsIgnoringCase("nesting depth");
    }

    @Test
    void refusesJsonObjectsNestedBeyondTheLimit() {
        String deep = "{\"a\":".repeat(65) + "1" + "}".repeat(65);

        refusal(deep, CANONICAL, RejectReason.MALFORMED_DOCUMENT);
    }

    @Test
    void refusesXmlNestingBomb() {
        String bomb = "<notice xmlns=\"urn:dragongate:notice:1\">" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</notice>";

        PackageRejected rejected = refusal(bomb, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).containsIgnoringCase("depth");
    }

    @Test
    void refusesJsonStringLongerThanTheLimit() {
        String huge = Documents.set(ALERT_JSON, "/summary", "x".repeat(1_100_000));

        PackageRejected rejected = refusal(huge, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).containsIgnoringCase("string");
    }

    /** Two values for one key: which one a receiver's parser keeps differs, so neither is taken. */
    @Test
    void refusesJsonWithDuplicateKeys() {
        String twice = ALERT_JSON.replaceFirst("\"kind\": \"ALERT\",", "\"kind\": \"ALERT\", \"kind\": \"INFORMATION\",");

        PackageRejected rejected = refusal(twice, CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).contains("Duplicate field 'kind'");
    }

    @Test
    void refusesDocumentLargerThanTheLimitWithoutReadingItWhole() {
        NoticeConverter small = new NoticeConverter(new NoticeXml(), new ConversionLimits(4096, 64, 1 << 20, 100, 10, 200));
        byte[] large = (ALERT_JSON.substring(0, ALERT_JSON.length() - 2) + ", \"pad\": \"" + "x".repeat(8000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        PackageRejected rejected = catchThrowableOfType(PackageRejected.class, () -> small.convert(new ByteArrayInputStream(large),
                "application/json", CANONICAL, PROVENANCE, ATTACHMENTS));

        assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void refusesBinaryContent() {
        PackageRejected rejected = refusal("\u0000\u0001PK\u0003\u0004", CANONICAL, RejectReason.MALFORMED_DOCUMENT);

        assertThat(rejected.getMessage()).contains("binary");
    }

    @Test
    void refusesEmptyDocument() {
        assertThat(refusal("  \n", CANONICAL, RejectReason.MALFORMED_DOCUMENT).getMessage()).contains("empty");
    }

    @Test
    void refusesTextThatIsNeitherXmlJsonNorCsv() {
        assertThat(refusal("Dear colleagues. Please find the report attached.", CANONICAL, RejectReason.MALFORMED_DOCUMENT).getMessage())
                .contains("neither XML, JSON nor CSV");
    }

    @Test
    void refusesCsvRowWithMoreCellsThanTheHeader() {
        String ragged = Conversions.ALERT_CSV.strip() + ",extra\n";

        refusal(ragged, CANONICAL, RejectReason.MALFORMED_DOCUMENT);
    }

    /** A contact point reading a delivered notice is protected the same way. */
    @Test
    void noticeReaderRefusesExternalEntityWithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), SECRET);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE notice [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>"
                + "<notice xmlns=\"urn:dragongate:notice:1\"><id>&xxe;</id></notice>";

        Exception refused = catchThrowableOfType(Exception.class, () -> new NoticeXml().read(xxe.getBytes(StandardCharsets.UTF_8)));

        assertThat(refused).isNotNull();
        assertThat(everythingSaidAbout(refused)).doesNotContain("TOP-SECRET");
    }

    /** Every message and string form in the exception's causes and suppressed exceptions. */
    private static String everythingSaidAbout(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                all.append(everythingSaidAbout(suppressed));
            }
        }
        if (thrown instanceof PackageRejected rejected) {
            InvalidNotice.problemsOf(rejected).forEach(problem -> all.append(problem).append('\n'));
        }
        return all.toString();
    }
}
