package org.dragongate.crypto;

/**
 * One document of an opened package: the notice (always first) or an attachment.
 *
 * @param name a safe file name (no directories, no control characters), never the sender's raw value
 */
public record Document(String name, String mediaType, Spool data) {
    public long size() {
        return data.size();
    }

    public String sha256Hex() {
        return data.sha256Hex();
    }
}
