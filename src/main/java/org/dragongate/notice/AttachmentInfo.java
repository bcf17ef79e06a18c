package org.dragongate.notice;

/**
 * A document that came in the same package as the notice (photo, scan); the gateway adds this
 * list, the sender cannot write it.
 *
 * @param name   the safe file name the gateway gave it
 * @param sha256 lower-case hex, so a receiver can check the file it got is the one the partner signed
 */
public record AttachmentInfo(String name, String mediaType, long size, String sha256) {
}
