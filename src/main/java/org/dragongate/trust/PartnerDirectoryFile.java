package org.dragongate.trust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the partner directory from YAML ({@code config/partners.yaml}). Certificate and CRL paths
 * are relative to the YAML file. The gateway imports it into the database once, when the directory
 * there is empty ({@code org.dragongate.directory.PartnerBootstrap}); {@code partner import-yaml} does the same on demand.
 */
public final class PartnerDirectoryFile {
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PartnerEntry(String id, String name, String country, List<String> trustAnchors, List<String> pinnedCertificates,
                        List<String> crls, List<String> mailAddresses, boolean allowLegacyKeyTransport) {
    }

    record DirectoryFile(List<PartnerEntry> partners) {
    }

    /** A partner as the file describes it, with what the {@link Partner} the gateway uses does not carry. */
    public record Entry(Partner partner, String country) {
    }

    private PartnerDirectoryFile() {
    }

    /** The file's partners in order, their certificates and CRLs read; the directory's bootstrap import takes these. */
    public static List<Entry> read(Path yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        DirectoryFile file;
        try {
            file = mapper.readValue(yaml.toFile(), DirectoryFile.class);
        } catch (IOException e) {
            throw new IOException(yaml + " is not a valid partner directory: " + e.getMessage(), e);
        }
        Path base = yaml.toAbsolutePath().getParent();
        List<Entry> partners = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PartnerEntry entry : file.partners() == null ? List.<PartnerEntry>of() : file.partners()) {
            if (entry.id() == null || !entry.id().matches("[A-Z0-9][A-Z0-9-]{1,63}")) {
                throw new IOException(yaml + ": partner id '" + entry.id() + "' must be upper-case letters, digits and '-'");
            }
            if (!ids.add(entry.id())) {
                throw new IOException(yaml + ": partner " + entry.id() + " is listed twice");
            }
            partners.add(new Entry(new Partner(entry.id(), entry.name() == null ? entry.id() : entry.name(),
                    certificates(base, entry.trustAnchors()), certificates(base, entry.pinnedCertificates()),
                    crls(base, entry.crls()), entry.allowLegacyKeyTransport(),
                    Set.copyOf(entry.mailAddresses() == null ? List.of() : entry.mailAddresses().stream().map(String::toLowerCase).toList())),
                    entry.country()));
        }
        return partners;
    }

    private static List<X509Certificate> certificates(Path base, List<String> files) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files == null ? List.<String>of() : files) {
            certificates.addAll(CertificateFiles.certificates(base.resolve(file)));
        }
        return certificates;
    }

    private static List<X509CRL> crls(Path base, List<String> files) throws IOException {
        List<X509CRL> crls = new ArrayList<>();
        for (String file : files == null ? List.<String>of() : files) {
            crls.addAll(CertificateFiles.crls(base.resolve(file)));
        }
        return crls;
    }
}
