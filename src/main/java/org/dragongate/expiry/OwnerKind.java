package org.dragongate.expiry;

/** Whose certificate it is, and so what an administrator does before it expires. */
public enum OwnerKind {
    PARTNER("partner", "ask the partner for its next certificate and register it with 'dragongate cert import --partner %s'"
            + " (its window of use may overlap the old one's)"),
    CONTACT_POINT("contact-point", "ask contact point %s for its next encryption certificate and register it with"
            + " 'dragongate contact-point cert import --contact-point %1$s'"),
    GATEWAY("gateway-key", "make the gateway's next key for %s ('dragongate gateway-key generate' or 'import'), give its certificate to"
            + " whoever needs it, then 'gateway-key activate' it and retire the old one");

    private final String word;
    private final String advice;

    OwnerKind(String word, String advice) {
        this.word = word;
        this.advice = advice;
    }

    /** How the audit trail names the owner: {@code partner:CN-GACC}, {@code contact-point:VN-ENV-POLICE}, {@code gateway-key:...}. */
    public String subject(String ownerId) {
        return word + ":" + ownerId;
    }

    /** What to do about it, one sentence for the warning mail. */
    public String advice(String ownerId) {
        return String.format(advice, ownerId);
    }
}
