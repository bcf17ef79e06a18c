package org.dragongate.notice;

/**
 * A person or company involved.
 *
 * @param country ISO 3166-1 alpha-2 of the party's address or nationality, when known
 */
public record Party(PartyRole role, String name, String country) {
}
