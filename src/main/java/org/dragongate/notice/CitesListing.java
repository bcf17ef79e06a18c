package org.dragongate.notice;

/**
 * A CITES-listed species and the appendix it is listed in.
 *
 * @param species the scientific name as in the CITES checklist (e.g. {@code Manis javanica})
 */
public record CitesListing(String species, CitesAppendix appendix) {
}
