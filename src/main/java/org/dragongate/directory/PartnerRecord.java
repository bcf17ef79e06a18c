package org.dragongate.directory;

import java.time.Instant;
import java.util.List;

/**
 * A partner as the directory holds it.
 *
 * @param sftpAccount the partner's SFTP account, whose home is its folder under the gateway's inbox
 * @param status      {@link #ACTIVE} or {@link #SUSPENDED}
 * @param statusReason why it is suspended, as the administrator said; null while active or when not said
 */
public record PartnerRecord(String id, String name, String country, String sftpAccount, String status, String statusReason,
                            boolean allowLegacyKeyTransport, List<String> mailAddresses, Instant updatedAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";

    public PartnerRecord {
        mailAddresses = List.copyOf(mailAddresses);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
