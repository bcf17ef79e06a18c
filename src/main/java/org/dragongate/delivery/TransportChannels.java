package org.dragongate.delivery;

import java.util.Locale;

/** Sends each delivery over the transport its contact point's endpoint names: https, sftp or mailto. */
public final class TransportChannels implements DeliveryChannel {
    private final DeliveryChannel http;
    private final DeliveryChannel sftp;
    private final DeliveryChannel mail;

    public TransportChannels(DeliveryChannel http, DeliveryChannel sftp, DeliveryChannel mail) {
        this.http = http;
        this.sftp = sftp;
        this.mail = mail;
    }

    @Override
    public DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException {
        String scheme = String.valueOf(delivery.target().endpoint().getScheme()).toLowerCase(Locale.ROOT);
        DeliveryChannel channel = switch (scheme) {
            case "https", "http" -> http;
            case "sftp" -> sftp;
            case "mailto" -> mail;
            default -> null;
        };
        if (channel == null) {
            return new DeliveryOutcome.Rejected(0, "no delivery over " + scheme);
        }
        return channel.send(delivery);
    }

    @Override
    public void close() {
        for (DeliveryChannel channel : new DeliveryChannel[] {http, sftp, mail}) {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
