package org.dragongate.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dragongate.convert.ConversionSummary;
import org.dragongate.convert.ConvertedNotice;
import org.dragongate.convert.NoticeConverter;
import org.dragongate.convert.PartnerFormats;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.notice.AttachmentInfo;
import org.dragongate.notice.NoticeXml;
import org.dragongate.notice.Provenance;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.routing.ContactPointRouter;
import org.dragongate.routing.RoutingDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.dragongate.files.Folders;

/**
 * Converts a package's notice document (whatever the partner's format) into canonical notices,
 * each validated against the XSD, routes each one to its contact points, and writes them to
 * {@code <notices>/<package sha256>/}: {@code notice-N.xml}, {@code notice-N.routing} (one line per
 * contact point, with the reason) and {@code notice-N.identity} (partner, reference and the content
 * digest that tells a resent notice from a new one; see {@link RoutedNotices}). Routing and the digest
 * happen as each notice passes, so a million-row CSV is
 * never read twice. Everything goes to a staging folder first, so a CSV refused at row 1000 (an
 * invalid row, a notice no rule routes) leaves no partial output.
 */
public final class ConvertStage {
    private static final Logger LOG = LoggerFactory.getLogger(ConvertStage.class);

    private final NoticeConverter converter;
    private final PartnerFormats formats;
    private final ContactPointRouter router;
    private final Path noticesDir;
    private final NoticeXml noticeXml = new NoticeXml();

    public ConvertStage(NoticeConverter converter, PartnerFormats formats, ContactPointRouter router, Path noticesDir) {
        this.converter = converter;
        this.formats = formats;
        this.router = router;
        this.noticesDir = noticesDir;
    }

    /** @return the folder holding the package's canonical notices */
    public Path convert(OpenedRecord opened) throws IOException, PackageRejected {
        ReceivedPackage received = opened.received();
        OpenedRecord.OpenedDocument notice = opened.documents().get(0);
        List<AttachmentInfo> attachments = opened.documents().subList(1, opened.documents().size()).stream()
                .map(d -> new AttachmentInfo(d.name(), d.mediaType(), d.size(), d.sha256())).toList();
        Provenance provenance = Provenance.of(opened.partnerId(), opened.signer(), received.sha256(),
                received.channel().kind(), received.receivedAt());

        Path target = noticesDir.resolve(received.sha256());
        Path staging = noticesDir.resolve("." + received.sha256() + ".part");
        Folders.deleteRecursively(staging);
        Files.createDirectories(staging);
        AtomicLong count = new AtomicLong();
        ConversionSummary summary;
        try (InputStream in = Files.newInputStream(notice.path())) {
            summary = converter.convert(in, notice.mediaType(), formats.forPartner(opened.partnerId()), provenance, attachments,
                    converted -> write(staging, count.incrementAndGet(), converted));
        } catch (RoutingRefused e) {
            Folders.deleteRecursively(staging);
            throw e.refusal;
        } catch (PackageRejected | IOException | RuntimeException e) {
            Folders.deleteRecursively(staging);
            throw e;
        }
        if (Files.exists(target)) {
            Folders.deleteRecursively(staging);
        } else {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("package {} converted and routed: {} notice(s) from {}", received.shortId(), summary.notices(), summary.format());
        return target;
    }

    private void write(Path staging, long index, ConvertedNotice converted) throws IOException {
        List<RoutingDecision> decisions;
        try {
            decisions = router.route(converted.notice());
        } catch (PackageRejected refusal) {
            throw new RoutingRefused(refusal);
        }
        RoutedNotices.write(staging, index, converted.notice().provenance().partner(), converted.notice().id(),
                noticeXml.contentSha256(converted.notice()), converted.xml(), decisions);
    }

    /** Carries a routing refusal through the converter's sink, which may only throw IOException. */
    private static final class RoutingRefused extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient PackageRejected refusal;

        RoutingRefused(PackageRejected refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }

}
