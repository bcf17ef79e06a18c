package org.dragongate.mail;

import java.util.List;

/**
 * What one mail carries, once its MIME structure has been read in full. Close it to delete the spooled packages.
 *
 * @param sender    the one From address, lower-cased: the channel's claim of which partner sent the mail
 * @param messageId the Message-ID header with control characters replaced, or {@code (none)}
 * @param packages  at least one
 */
public record MailContents(String sender, String messageId, List<MailPackage> packages) implements AutoCloseable {
    public MailContents {
        packages = List.copyOf(packages);
    }

    @Override
    public void close() {
        packages.forEach(p -> p.data().close());
    }
}
