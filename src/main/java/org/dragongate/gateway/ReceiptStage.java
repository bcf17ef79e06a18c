package org.dragongate.gateway;

import org.dragongate.delivery.DeliveryOutcome;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.receipt.Receipt;
import org.dragongate.receipt.ReceiptPolicy;
import org.dragongate.receipt.ReceiptSender;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.store.NoticeRegistry;
import org.dragongate.store.PackageRecords;
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
    private final PackageRecords records;
    private final Clock clock;

    public ReceiptStage(ReceiptSender sender, PartnerDirectory partners, NoticeRegistry registry, PackageRecords records, Clock clock) {
        this.sender = sender;
        this.partners = partners;
        this.registry = registry;
        this.records = records;
        this.clock = clock;
    }

    public void accepted(ReceivedPackage received) throws SQLException {
        Partner partner = partners.find(received.channel().partnerId()).orElseThrow();
        List<Receipt.NoticeReceipt> notices = registry.ofPackage(received.sha256()).stream()
                .map(n -> new Receipt.NoticeReceipt(n.noticeId(), n.reference(), Receipt.NoticeOutcome.valueOf(n.outcome().name()),
                        n.supersedes(), n.deliveries().stream()
                        .map(d -> new Receipt.ContactPointState(d.contactPointId(), d.state().name())).toList()))
                .toList();
        Receipt receipt = Receipt.accepted(received.sha256(), partner.id(), notices, clock.instant());
        record(received, receipt, sender.send(receipt, received.channel(), partner));
    }

    public void refused(ReceivedPackage received, PackageRejected refusal) throws SQLException {
        var partner = partners.find(received.channel().partnerId());
        if (!ReceiptPolicy.sendsReceipt(refusal.reason()) || partner.isEmpty()) {
            sender.alertUnverified(received, refusal.reason());
            records.receipt(received.sha256(), "no receipt: sender not verified (" + refusal.reason() + "); administrators alerted");
            return;
        }
        Receipt receipt = Receipt.rejected(received.sha256(), partner.get().id(), refusal, clock.instant());
        record(received, receipt, sender.send(receipt, received.channel(), partner.get()));
    }

    private void record(ReceivedPackage received, Receipt receipt, DeliveryOutcome outcome) throws SQLException {
        String how = received.channel().kind();
        records.receipt(received.sha256(), outcome instanceof DeliveryOutcome.Delivered
                ? receipt.name() + " sent over " + how
                : receipt.name() + " not sent over " + how + " (" + outcome.reason() + "); kept in receipts/unsent");
    }
}
