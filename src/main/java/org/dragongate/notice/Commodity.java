package org.dragongate.notice;

/**
 * Goods concerned by a notice.
 *
 * @param hsCode Harmonized System code, 6 to 10 digits, no dots
 * @param cites  present when the goods are of a CITES-listed species
 */
public record Commodity(String description, String hsCode, CitesListing cites, Quantity quantity) {
}
