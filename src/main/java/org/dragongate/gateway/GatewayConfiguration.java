package org.dragongate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.dragongate.convert.NoticeConverter;
import org.dragongate.convert.PartnerFormats;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.PackageIntake;
import org.dragongate.mail.MailPackages;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.routing.ContactPointDirectoryFile;
import org.dragongate.routing.ContactPointRouter;
import org.dragongate.routing.RoutingRulesFile;
import org.dragongate.trust.PartnerDirectory;
import org.dragongate.trust.PartnerDirectoryFile;

/**
 * The gateway's beans, built from {@code config/application.properties} (each setting can be
 * overridden by an environment variable: {@code gateway.data-dir} by {@code GATEWAY_DATA_DIR}).
 * The routes in {@code routes/} refer to these beans by name.
 */
public class GatewayConfiguration implements CamelConfiguration {
    @PropertyInject("gateway.data-dir")
    String dataDir;

    @PropertyInject("gateway.partners-file")
    String partnersFile;

    /** Comma-separated PKCS#12 or PEM files: every active decryption key (more than one during a rollover). */
    @PropertyInject("gateway.keys")
    String keys;

    @PropertyInject("gateway.key-password")
    String keyPassword;

    @PropertyInject(value = "gateway.contact-points-file", defaultValue = "config/contact-points.yaml")
    String contactPointsFile;

    @PropertyInject(value = "gateway.routing-file", defaultValue = "config/routing.yaml")
    String routingFile;

    /** Per-partner format mappings (config/mappings/PARTNER-ID.yaml); re-read for every package. */
    @PropertyInject(value = "gateway.mappings-dir", defaultValue = "config/mappings")
    String mappingsDir;

    private final Clock clock = Clock.systemUTC();
    private PartnerDirectory directory;
    private PackageIntake intake;
    private PackageArchive archive;
    private Quarantine quarantine;

    @BindToRegistry("partnerDirectory")
    public synchronized PartnerDirectory partnerDirectory() {
        if (directory == null) {
            try {
                directory = PartnerDirectoryFile.load(Path.of(partnersFile));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    @BindToRegistry("packageIntake")
    public synchronized PackageIntake packageIntake() {
        if (intake == null) {
            intake = new PackageIntake(archive(), clock);
        }
        return intake;
    }

    @BindToRegistry("sftpIntake")
    public SftpIntake sftpIntake() {
        return new SftpIntake(packageIntake());
    }

    @BindToRegistry("mailIntake")
    public MailIntake mailIntake() {
        return new MailIntake(packageIntake(), partnerDirectory(), new MailPackages(data("work")), data("work"));
    }

    @BindToRegistry("sftpFileFilter")
    public SftpFileFilter sftpFileFilter() {
        return new SftpFileFilter();
    }

    @BindToRegistry("openStage")
    public OpenStage openStage() {
        PackageOpener opener = new PackageOpener(gatewayKeys(), partnerDirectory(), AlgorithmPolicy.strict(),
                OpenLimits.defaults(), data("work"), clock);
        return new OpenStage(opener, data("opened"));
    }

    @BindToRegistry("convertStage")
    public ConvertStage convertStage() {
        return new ConvertStage(new NoticeConverter(), new PartnerFormats(Path.of(mappingsDir)), contactPointRouter(), data("notices"));
    }

    @BindToRegistry("packageCompletion")
    public PackageCompletion packageCompletion() {
        return new PackageCompletion(archive());
    }

    @BindToRegistry("refusals")
    public Refusals refusals() {
        return new Refusals(quarantine(), archive());
    }

    private ContactPointRouter contactPointRouter() {
        try {
            ContactPointDirectory contactPoints = ContactPointDirectoryFile.load(Path.of(contactPointsFile));
            return new ContactPointRouter(RoutingRulesFile.load(Path.of(routingFile), contactPoints));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized PackageArchive archive() {
        if (archive == null) {
            archive = new PackageArchive(data("archive"));
        }
        return archive;
    }

    synchronized Quarantine quarantine() {
        if (quarantine == null) {
            quarantine = new Quarantine(data("quarantine"), clock);
        }
        return quarantine;
    }

    private GatewayKeys gatewayKeys() {
        List<KeyMaterial> material = new ArrayList<>();
        for (String file : keys.split(",")) {
            try {
                material.add(KeyFiles.load(Path.of(file.strip()), keyPassword.toCharArray(), null));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load gateway key " + file.strip(), e);
            }
        }
        return new GatewayKeys(material);
    }

    private Path data(String name) {
        return Path.of(dataDir).resolve(name);
    }
}
