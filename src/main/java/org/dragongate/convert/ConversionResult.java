package org.dragongate.convert;

import java.util.List;

/** The notices of a document held in memory: one for XML and JSON, one per row for CSV. */
public record ConversionResult(DocumentFormat format, List<ConvertedNotice> notices) {
    public ConversionResult {
        notices = List.copyOf(notices);
    }

    /** The notice of a single-notice document. */
    public ConvertedNotice single() {
        if (notices.size() != 1) {
            throw new IllegalStateException("the document held " + notices.size() + " notices, not one");
        }
        return notices.get(0);
    }
}
