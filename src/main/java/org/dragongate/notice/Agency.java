package org.dragongate.notice;

/**
 * The agency that issued a notice.
 *
 * @param country ISO 3166-1 alpha-2 code of the agency's country
 */
public record Agency(String name, String country) {
}
