package org.dragongate.convert;

/**
 * How a document was read and what came of it.
 *
 * @param notices how many notices went to the sink
 */
public record ConversionSummary(DocumentFormat format, long notices) {
}
