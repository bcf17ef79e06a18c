package org.dragongate.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.dragongate.routing.RoutingDecision;

/**
 * The convert stage's output for one package, one notice at a time: {@code notice-N.xml} (the
 * canonical notice), {@code notice-N.routing} (one "CONTACT-POINT: reason" line per contact point) and
 * {@code notice-N.identity} (partner, the partner's reference and the content digest the notice
 * registry recognises it by). N counts from 1 in the document's order, so a reader walks the
 * notices by number and never lists or holds a whole million-row package.
 */
final class RoutedNotices {
    /** One contact point a notice goes to, and the routing rules' reason. */
    record Route(String contactPointId, String reason) {
    }

    record RoutedNotice(long position, String partnerId, String reference, String contentSha256, byte[] xml, List<Route> routes) {
    }

    /** What to do with each notice; it may reach the database. */
    @FunctionalInterface
    interface NoticeAction {
        void accept(RoutedNotice notice) throws IOException, SQLException;
    }

    private RoutedNotices() {
    }

    static void write(Path folder, long position, String partnerId, String reference, String contentSha256, byte[] xml,
                      List<RoutingDecision> decisions) throws IOException {
        Files.write(file(folder, position, ".xml"), xml);
        StringBuilder routing = new StringBuilder();
        for (RoutingDecision decision : decisions) {
            routing.append(decision.reason()).append('\n');
        }
        Files.writeString(file(folder, position, ".routing"), routing, StandardCharsets.UTF_8);
        Files.writeString(file(folder, position, ".identity"),
                "partner " + partnerId + "\nreference " + reference + "\ncontent-sha256 " + contentSha256 + "\n", StandardCharsets.UTF_8);
    }

    /** Reads the notices in order, one at a time, and hands each to {@code action}. */
    static void forEach(Path folder, NoticeAction action) throws IOException, SQLException {
        for (long position = 1; Files.exists(file(folder, position, ".xml")); position++) {
            List<String> identity = Files.readAllLines(file(folder, position, ".identity"), StandardCharsets.UTF_8);
            List<Route> routes = Files.readAllLines(file(folder, position, ".routing"), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> new Route(line.substring(0, line.indexOf(':')), line)).toList();
            action.accept(new RoutedNotice(position, value(identity, "partner"), value(identity, "reference"),
                    value(identity, "content-sha256"), Files.readAllBytes(file(folder, position, ".xml")), routes));
        }
    }

    private static String value(List<String> lines, String key) throws IOException {
        return lines.stream().filter(line -> line.startsWith(key + " ")).map(line -> line.substring(key.length() + 1)).findFirst()
                .orElseThrow(() -> new IOException("the notice's identity file has no " + key));
    }

    private static Path file(Path folder, long position, String suffix) {
        return folder.resolve(String.format("notice-%06d%s", position, suffix));
    }
}
