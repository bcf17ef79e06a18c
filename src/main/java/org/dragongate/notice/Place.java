package org.dragongate.notice;

/**
 * A place named in a notice.
 *
 * @param country ISO 3166-1 alpha-2
 * @param locode  UN/LOCODE without the space (e.g. {@code VNHPH}), when the place has one
 */
public record Place(PlaceRole role, String name, String country, String locode) {
}
