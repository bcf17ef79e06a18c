package org.dragongate.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One sealed package the benchmark sends, and the deliveries it must cause: their Idempotency-Keys
 * ({@code <notice id>__<contact point>}) follow from the partner's reference and config/routing.yaml.
 */
record BenchPackage(String partnerId, Channel channel, boolean large, String reference, Path file, long bytes,
                    List<String> expectedKeys) {
    enum Channel { SFTP, MAIL }

    String group() {
        return large ? "large" : channel == Channel.SFTP ? "small-sftp" : "small-mail";
    }
}
