package org.dragongate.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.notice.NoticeSchemaViolation;
import org.dragongate.receipt.Receipt;
import org.dragongate.receipt.ReceiptPolicy;
import org.dragongate.receipt.ReceiptSender;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;

/**
 * Tells the sender what became of its package, with a receipt signed by the gateway over the
 * channel it came in on: ACCEPTED with each notice and its contact points, or REJECTED with the
 * reason. A package whose sender was never verified gets no receipt (the claimed sender may not
 * have sent it); the administrators are alerted instead.
 */
public final class ReceiptStage {
    private final ReceiptSender sender;
    private final PartnerDirectory partners;
    private final Clock clock;
    private final RoutedNotices routedNotices = new RoutedNotices();

    public ReceiptStage(ReceiptSender sender, PartnerDirectory partners, Clock clock) {
        this.sender = sender;
        this.partners = partners;
        this.clock = clock;
    }

    public void accepted(ReceivedPackage received, Path noticesFolder) throws IOException, NoticeSchemaViolation {
        Partner partner = partners.find(received.channel().partnerId()).orElseThrow();
        Receipt receipt = Receipt.accepted(received.sha256(), partner.id(), routedNotices.read(noticesFolder).stream()
                .map(n -> new Receipt.NoticeReceipt(n.noticeId(), n.contactPointIds())).toList(), clock.instant());
        sender.send(receipt, received.channel(), partner);
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
