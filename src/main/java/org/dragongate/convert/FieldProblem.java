package org.dragongate.convert;

/**
 * One thing wrong with a notice, precise enough for the sender to fix it: which field, what it
 * held, what was expected. Goes into the sender's receipt and the quarantine entry.
 *
 * @param row      the CSV data row (1 for the first row after the header), 0 for XML and JSON documents
 * @param path     the field in the common schema, e.g. {@code commodities[1].hsCode}; empty for the whole document
 * @param source   where the value came from in the sender's own layout (a path or a CSV column), or null when
 *                 that is the same as {@code path} or the field is missing
 * @param value    what the sender gave, shortened and stripped of control characters; null when the field is missing
 * @param expected what would have been accepted
 */
public record FieldProblem(long row, String path, String source, String value, String expected) {
    private static final int MAX_VALUE_CHARS = 100;

    public FieldProblem {
        value = value == null ? null : printable(value);
    }

    public static FieldProblem missing(String path, String expected) {
        return new FieldProblem(0, path, null, null, expected);
    }

    public static FieldProblem of(String path, String value, String expected) {
        return new FieldProblem(0, path, null, value, expected);
    }

    FieldProblem inRow(long newRow) {
        return new FieldProblem(newRow, path, source, value, expected);
    }

    FieldProblem from(String newSource) {
        return new FieldProblem(row, path, newSource, value, expected);
    }

    /** For example {@code row 17: commodities[0].hsCode (column commodity.hsCode) = "12": expected 6 to 10 digits}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (row > 0) {
            text.append("row ").append(row).append(": ");
        }
        if (path.isEmpty()) {
            text.append(source == null ? "document" : source);
        } else {
            text.append(path);
            if (source != null) {
                text.append(" (").append(source).append(')');
            }
        }
        text.append(value == null ? " is missing" : " = \"" + value + "\"");
        return text.append(": expected ").append(expected).toString();
    }

    /** A sender's value goes into logs and receipts: no control characters, no megabyte strings. */
    private static String printable(String raw) {
        StringBuilder clean = new StringBuilder(Math.min(raw.length(), MAX_VALUE_CHARS + 1));
        raw.codePoints().limit(MAX_VALUE_CHARS).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (raw.codePointCount(0, raw.length()) > MAX_VALUE_CHARS) {
            clean.append('…');
        }
        return clean.toString();
    }
}
