package org.dragongate.convert;

/**
 * Bounds on what one document may cost, so that a hostile or broken one is refused early
 * instead of exhausting memory. The defaults are far above any genuine notice.
 *
 * @param maxDocumentBytes    an XML or JSON document larger than this is refused (TOO_LARGE); a CSV file is
 *                            streamed and bounded only by the package limits
 * @param maxNesting          deepest XML element or JSON object/array nesting
 * @param maxStringLength     longest single JSON string, XML text node or CSV cell, in characters
 * @param maxProblems         field problems kept and reported per document; reading a CSV stops once reached
 * @param maxCollectedNotices notices the collecting {@code convert} keeps in memory; more is refused, use the sink
 * @param maxCsvColumns       columns in a CSV header
 */
public record ConversionLimits(int maxDocumentBytes, int maxNesting, int maxStringLength, int maxProblems,
                               int maxCollectedNotices, int maxCsvColumns) {

    public static ConversionLimits defaults() {
        return new ConversionLimits(16 << 20, 64, 1 << 20, 100, 10_000, 200);
    }
}
