package org.dragongate.gateway;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.receipt.Receipt;
import org.dragongate.receipt.ReceiptPolicy;
import org.dragongate.receipt.ReceiptSender;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.store.NoticeRegistry;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;

/**
 * Tells the sender what became of its package, with a receipt signed by the gateway over the
 * channel it came in on: ACCEPTED with each notice (new, a new version, or a duplicate of one sent
 * before) and its contact points with where each delivery stands, as the notice registry has them;
 * or REJECTED with the reason. A package whose sender was never verified gets no receipt (the
 * claimed sender may not have sent it); the administrators are alerted instead.
 */
public final class ReceiptStage {
    private final ReceiptSender sender;
    private final PartnerDirectory partners;
    private final NoticeRegistry registry;
    private final Clock clock;

    public ReceiptStage(ReceiptSender sender, PartnerDirectory partners, NoticeRegistry registry, Clock clock) {
        this.sender = sender;
        this.partners = partners;
        this.registry = registry;
        this.clock = clock;
    }

    public void accepted(ReceivedPackage received) throws SQLException {
        Partner partner = partners.find(received.channel().partnerId()).orElseThrow();
        List<Receipt.NoticeReceipt> notices = registry.ofPackage(received.sha256()).stream()
                .map(n -> new Receipt.NoticeReceipt(n.noticeId(), n.reference(), Receipt.NoticeOutcome.valueOf(n.outcome().name()),
                        n.supersedes(), n.deliveries().stream()
                        .map(d -> new Receipt.ContactPointState(d.contactPointId(), d.state().name())).toList()))
                .toList();
        sender.send(Receipt.accepted(received.sha256(), partner.id(), notices, clock.instant()), received.channel(), partner);
    }

    /**
     * The route's form: the notices folder is no longer read (the registry knows what each notice
     * came to); kept so {@code routes/gateway.camel.yaml} calls it unchanged.
     */
    public void accepted(ReceivedPackage received, Path noticesFolder) throws SQLException {
        accepted(received);
    }

    public void refused(ReceivedPackage received, PackageRejected refusal) {
        var partner = partners.find(received.channel().partnerId());
        if (!ReceiptPolicy.sendsReceipt(refusal.reason()) || partner.isEmpty()) {
            sender.alertUnverified(received, refusal.reason());
            return;
        }
        sender.send(Receipt.rejected(received.sha256(), partner.get().id(), refusal, clock.instant()), received.channel(), partner.get());
    }
}
