package org.dragongate.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;

/**
 * Seals a canonical notice for one contact point: signed with the gateway's signing key, then
 * encrypted (AuthEnvelopedData, AES-256-GCM) for the contact point's certificate when it has one.
 * The contact point opens it with {@code dragongate open --key <its key> --trust <gateway CA>}.
 */
public final class DeliverySealer {
    private final Supplier<KeyMaterial> gatewaySigner;
    private final PackageSealer sealer = new PackageSealer();

    public DeliverySealer(KeyMaterial gatewaySigner) {
        this(() -> gatewaySigner);
    }

    /** @param gatewaySigner the gateway's signing key as it is now: a new one signs from its activation on, without a restart */
    public DeliverySealer(Supplier<KeyMaterial> gatewaySigner) {
        this.gatewaySigner = gatewaySigner;
    }

    public SealedDelivery seal(String noticeId, byte[] noticeXml, DeliveryTarget target) throws IOException {
        return new SealedDelivery(noticeId, target, sealFor(target, noticeXml));
    }

    /** The sealed bytes alone: what is queued, and sent unchanged by every attempt. */
    public byte[] sealFor(DeliveryTarget target, byte[] noticeXml) throws IOException {
        return sealFor(List.of(target), noticeXml).get(0);
    }

    /**
     * The notice sealed for each target, in order: signed once (the private-key operation is most of
     * sealing's cost), then encrypted for each target's certificate alone; a target without one gets the
     * signed notice as it is.
     */
    public List<byte[]> sealFor(List<DeliveryTarget> targets, byte[] noticeXml) throws IOException {
        // Notices are small documents (attachments travel by reference), so the sealed bytes are held in memory.
        ByteArrayOutputStream signed = new ByteArrayOutputStream(noticeXml.length + 8 * 1024);
        // The key as it is now: the gateway reads its keys again from the database, so a rollover needs no restart.
        sealer.sign(gatewaySigner.get(), new ByteArrayInputStream(noticeXml), SealOptions.Encoding.DER, signed);
        byte[] signedBytes = signed.toByteArray();
        List<byte[]> sealed = new ArrayList<>(targets.size());
        for (DeliveryTarget target : targets) {
            if (target.encryptionCertificate() == null) {
                sealed.add(signedBytes);
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream(signedBytes.length + 2 * 1024);
                sealer.encryptSigned(List.of(target.encryptionCertificate()), new ByteArrayInputStream(signedBytes), SealOptions.defaults(), out);
                sealed.add(out.toByteArray());
            }
        }
        return sealed;
    }
}
