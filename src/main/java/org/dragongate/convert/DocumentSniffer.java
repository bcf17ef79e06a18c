package org.dragongate.convert;

import java.io.BufferedInputStream;
import java.io.IOException;
import org.dragongate.refusal.PackageRejected;

/**
 * Recognises a document's syntax from its first bytes, not from its name or declared media type
 * (mail clients and partners' systems label files loosely): {@code <} is XML, <code>{</code> or
 * {@code [} is JSON, a text line with separators is CSV.
 */
final class DocumentSniffer {
    static final int SAMPLE = 8192;

    /** A recognised syntax; for CSV, the separator the header line uses. */
    record Sniffed(Syntax syntax, char separator) {
    }

    private DocumentSniffer() {
    }

    /** Looks at the start of {@code in} and leaves it where it was. */
    static Sniffed sniff(BufferedInputStream in, String mediaType) throws IOException, PackageRejected {
        in.mark(SAMPLE + 1);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        int start = 0;
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            start = 3;
        }
        if (sample.length >= 2 && ((sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF
                || (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE)) {
            // UTF-16 is legal XML (the parser reads the BOM); JSON and CSV must be UTF-8.
            return new Sniffed(Syntax.XML, ',');
        }
        while (start < sample.length && isSpace(sample[start])) {
            start++;
        }
        if (start == sample.length) {
            throw Refusals.malformed("the notice document is empty" + declared(mediaType), null);
        }
        for (byte b : sample) {
            if (b == 0) {
                throw Refusals.malformed("the notice document is binary, not XML, JSON or CSV" + declared(mediaType), null);
            }
        }
        return switch (sample[start]) {
            case '<' -> new Sniffed(Syntax.XML, ',');
            case '{', '[' -> new Sniffed(Syntax.JSON, ',');
            default -> new Sniffed(Syntax.CSV, separator(sample, start, mediaType));
        };
    }

    /** The separator used most on the header line: comma, semicolon (spreadsheets in many locales) or tab. */
    private static char separator(byte[] sample, int start, String mediaType) throws PackageRejected {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        for (int i = start; i < sample.length && sample[i] != '\n' && sample[i] != '\r'; i++) {
            switch (sample[i]) {
                case ',' -> commas++;
                case ';' -> semicolons++;
                case '\t' -> tabs++;
                default -> {
                    // part of a column name
                }
            }
        }
        if (commas == 0 && semicolons == 0 && tabs == 0) {
            throw Refusals.malformed("the notice document is neither XML, JSON nor CSV (no separator on its first line)"
                    + declared(mediaType), null);
        }
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static String declared(String mediaType) {
        return mediaType == null || mediaType.isBlank() ? "" : " (declared as " + mediaType.strip() + ")";
    }
}
