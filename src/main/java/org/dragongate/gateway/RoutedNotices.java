package org.dragongate.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dragongate.notice.NoticeSchemaViolation;
import org.dragongate.notice.NoticeXml;

/**
 * Reads back what the convert stage wrote for a package: each notice's XML, its id, and the contact
 * points its {@code .routing} file names (one "CONTACT-POINT: reason" per line).
 */
final class RoutedNotices {
    record RoutedNotice(String noticeId, byte[] xml, List<String> contactPointIds) {
    }

    private final NoticeXml noticeXml = new NoticeXml();

    List<RoutedNotice> read(Path noticesFolder) throws IOException, NoticeSchemaViolation {
        List<RoutedNotice> notices = new ArrayList<>();
        try (Stream<Path> files = Files.list(noticesFolder)) {
            for (Path routing : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".routing")).sorted()::iterator) {
                byte[] xml = Files.readAllBytes(routing.resolveSibling(routing.getFileName().toString().replace(".routing", ".xml")));
                List<String> contactPoints = Files.readAllLines(routing).stream().map(line -> line.substring(0, line.indexOf(':'))).toList();
                notices.add(new RoutedNotice(noticeXml.read(xml).id(), xml, contactPoints));
            }
        }
        return notices;
    }
}
