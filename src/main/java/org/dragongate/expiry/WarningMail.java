package org.dragongate.expiry;

import jakarta.mail.MessagingException;

/** How administrators get an expiry warning besides the log: one mail per warning. */
public interface WarningMail {
    /** Who gets it, as the audit trail records it. */
    String recipients();

    /** Sends it now; throws when the relay did not take it, so the warning is tried again at the next check. */
    void send(ExpiryStatus status) throws MessagingException;
}
