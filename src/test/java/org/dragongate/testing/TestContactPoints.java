package org.dragongate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dragongate.pki.ExamplePki;

/** The shipped contact points with their encryption certificates, all pointed at one local HTTP server. */
public final class TestContactPoints {
    private TestContactPoints() {
    }

    /** Writes a contact-point directory whose endpoints are {@code http://127.0.0.1:<port>/contact-points/<ID>}. */
    public static Path pointedAt(int port, Path file) throws IOException {
        TestPki pki = TestPki.shared();
        StringBuilder yaml = new StringBuilder("contactPoints:\n");
        for (var contactPoint : ExamplePki.CONTACT_POINTS) {
            String id = contactPoint.id();
            yaml.append("  - id: ").append(id).append('\n')
                    .append("    name: ").append(contactPoint.organisation()).append('\n')
                    .append("    country: ").append(contactPoint.country()).append('\n')
                    .append("    categories: [NARCOTICS, PRECURSORS, WILDLIFE, OTHER]\n")
                    .append("    endpoint: http://127.0.0.1:").append(port).append("/contact-points/").append(id).append('\n')
                    .append("    encryptionCertificate: ").append(pki.contactPointFile(id, "encryption.pem").toAbsolutePath()).append('\n');
        }
        return Files.writeString(file, yaml.toString());
    }
}
