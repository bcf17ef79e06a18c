package org.dragongate.intake;

/**
 * How a package reached us, as far as the channel can say before anything is verified.
 *
 * @param kind      {@code sftp} or {@code mail}
 * @param partnerId the partner the channel claims sent it (its inbox folder, its mail address); checked against the signer later
 * @param origin    where exactly: the inbox path, or the mail's sender and Message-ID; already stripped of control characters
 */
public record Channel(String kind, String partnerId, String origin) {
    public static final String SFTP = "sftp";
    public static final String MAIL = "mail";

    @Override
    public String toString() {
        return kind + " " + origin + " (partner " + partnerId + ")";
    }
}
