package org.dragongate.convert;

import java.io.IOException;

/**
 * Receives converted notices one at a time, as a CSV is read, so a file of a million rows never
 * sits in memory. When conversion ends in a refusal, what the sink received so far belongs to a
 * refused package: the sink must be able to discard it (write into a staging place and commit
 * only when {@code convert} returns).
 */
@FunctionalInterface
public interface NoticeSink {
    void accept(ConvertedNotice notice) throws IOException;
}
