package org.dragongate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.dragongate.convert.NoticeConverter;
import org.dragongate.convert.PartnerFormats;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.expiry.CertificateExpiry;
import org.dragongate.expiry.CertificateInventory;
import org.dragongate.expiry.ContactPointCertificateInventory;
import org.dragongate.expiry.ExpiryMail;
import org.dragongate.expiry.ExpiryThresholds;
import org.dragongate.expiry.ExpiryWatch;
import org.dragongate.expiry.GatewayCertificateInventory;
import org.dragongate.expiry.PartnerCertificateInventory;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.PackageIntake;
import org.dragongate.mail.MailPackages;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.delivery.DeliverySealer;
import org.dragongate.delivery.DeliveryWakeUp;
import org.dragongate.delivery.DeliveryWorker;
import org.dragongate.delivery.HttpChannels;
import org.dragongate.delivery.HttpDelivery;
import org.dragongate.delivery.MailDelivery;
import org.dragongate.delivery.SftpDelivery;
import org.dragongate.delivery.TransportChannels;
import org.dragongate.delivery.RetryPolicy;
import org.dragongate.receipt.ReceiptSender;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.routing.ContactPointRouter;
import org.dragongate.routing.RoutingRules;
import org.dragongate.routing.RoutingRulesFile;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.GatewayInstance;
import org.dragongate.store.NoticeRegistry;
import org.dragongate.store.PackageRecords;
import org.dragongate.store.PackageRequests;
import org.dragongate.trust.PartnerDirectory;
import org.dragongate.trust.RevocationPolicy;
import org.dragongate.directory.CrlRefresher;
import org.dragongate.directory.PartnerBootstrap;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.directory.RefreshingPartnerDirectory;
import org.dragongate.directory.ContactPointBootstrap;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.RefreshingContactPointDirectory;
import org.dragongate.directory.Refreshing;
import org.dragongate.keys.GatewayKeyBootstrap;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.keys.Keyring;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.dragongate.queue.CamelQueues;
import org.dragongate.queue.FailedDeliveries;
import org.dragongate.queue.QueueBroker;
import org.dragongate.queue.QueueSettings;
import org.dragongate.queue.ReceivedPackageMessage;
import org.dragongate.queue.Redelivery;

/**
 * The gateway's beans, built from {@code config/application.properties} (each setting can be
 * overridden by an environment variable: {@code gateway.data-dir} by {@code GATEWAY_DATA_DIR}).
 * The routes in {@code routes/} refer to these beans by name.
 */
public class GatewayConfiguration implements CamelConfiguration {
    /** Camel ignores an empty default value, so this stands for an optional setting that is left out. */
    static final String NONE = "none";
    /** Deliveries one instance claims at a time; their lease covers all of them at the slowest. */
    private static final int DELIVERY_BATCH = 5;
    /** Queueing a package again takes a moment; an instance that held a request this long without queueing it is gone. */
    private static final Duration REQUEST_LEASE = Duration.ofMinutes(2);

    @PropertyInject("gateway.data-dir")
    String dataDir;

    /** Imported into the database's partner directory on the first start, while that is empty; unset means no import. */
    @PropertyInject(value = "gateway.partners-file", defaultValue = NONE)
    String partnersFile;

    /** How old the partner and contact-point directories, the routing rules and the gateway keys read may get before they are read again. */
    @PropertyInject(value = "gateway.directory-refresh-seconds", defaultValue = "30")
    int directoryRefreshSeconds;

    /** When a signer's revocation must be checked and no current CRL can say: refuse (default) or accept-audited. */
    @PropertyInject(value = "gateway.revocation.on-missing-crl", defaultValue = "refuse")
    String onMissingCrl;

    /** How often each instance fetches partners' CRLs from their distribution points; 0: never (crl refresh by hand). */
    @PropertyInject(value = "gateway.crl-refresh-minutes", defaultValue = "60")
    int crlRefreshMinutes;

    @PropertyInject(value = "gateway.crl-fetch-timeout-seconds", defaultValue = "10")
    int crlFetchTimeoutSeconds;

    /** Comma-separated PKCS#12 or PEM files: the decryption keys imported into the database on the first start, while it has no keys. */
    @PropertyInject("gateway.keys")
    String keys;

    /** Opens the key files, and encrypts the gateway's keys at rest in the database (from the environment: GATEWAY_KEY_PASSWORD). */
    @PropertyInject("gateway.key-password")
    String keyPassword;

    /** The signing key imported into the database on the first start, while it has no keys. */
    @PropertyInject(value = "gateway.signing-key", defaultValue = "keys-example/gateway/signing.p12")
    String signingKey;

    /** The longest a due delivery waits for the worker; deliveries this instance queues wake it at once. */
    @PropertyInject(value = "delivery.poll-period", defaultValue = "1000")
    long deliveryPollPeriod;

    @PropertyInject(value = "delivery.timeout-seconds", defaultValue = "10")
    int deliveryTimeoutSeconds;

    @PropertyInject(value = "delivery.retry-limit-hours", defaultValue = "24")
    int retryLimitHours;

    /** The gateway's own SFTP identity towards contact points; SFTP delivery is off until these are set. */
    @PropertyInject(value = "delivery.sftp.known-hosts-file", defaultValue = NONE)
    String sftpKnownHosts;

    @PropertyInject(value = "delivery.sftp.password", defaultValue = NONE)
    String sftpPassword;

    @PropertyInject(value = "delivery.sftp.private-key-file", defaultValue = NONE)
    String sftpPrivateKey;

    @PropertyInject("sftp.host")
    String sftpHost;

    @PropertyInject("sftp.port")
    int sftpPort;

    @PropertyInject("sftp.username")
    String sftpUser;

    @PropertyInject(value = "sftp.password", defaultValue = NONE)
    String sftpIntakePassword;

    @PropertyInject(value = "sftp.private-key-file", defaultValue = NONE)
    String sftpIntakeKey;

    @PropertyInject("sftp.known-hosts-file")
    String sftpIntakeKnownHosts;

    @PropertyInject("sftp.inbox")
    String sftpInbox;

    /** Trust store (PKCS#12) for contact points' TLS servers; empty means the JVM's own. */
    @PropertyInject(value = "delivery.trust-store", defaultValue = NONE)
    String trustStore;

    @PropertyInject(value = "delivery.trust-store-password", defaultValue = NONE)
    String trustStorePassword;

    @PropertyInject(value = "delivery.smtp.host", defaultValue = "127.0.0.1")
    String smtpHost;

    @PropertyInject(value = "delivery.smtp.port", defaultValue = "25")
    int smtpPort;

    @PropertyInject(value = "delivery.from", defaultValue = "gateway@dragongate.example")
    String deliveryFrom;

    /** Imported into the database's contact-point directory on the first start, while that is empty; unset means no import. */
    @PropertyInject(value = "gateway.contact-points-file", defaultValue = NONE)
    String contactPointsFile;

    @PropertyInject(value = "gateway.routing-file", defaultValue = "config/routing.yaml")
    String routingFile;

    /** Per-partner format mappings (config/mappings/PARTNER-ID.yaml); re-read for every package. */
    @PropertyInject(value = "gateway.mappings-dir", defaultValue = "config/mappings")
    String mappingsDir;

    /** The queues between stages: an external broker by URL (tcp://host:61616), or empty for the embedded one under the data dir. */
    @PropertyInject(value = "queues.broker-url", defaultValue = NONE)
    String queuesBrokerUrl;

    @PropertyInject(value = "queues.user", defaultValue = NONE)
    String queuesUser;

    @PropertyInject(value = "queues.password", defaultValue = NONE)
    String queuesPassword;

    /** When set, the embedded broker also listens on 127.0.0.1 at this port, for other gateway processes on the machine. */
    @PropertyInject(value = "queues.embedded-port", defaultValue = NONE)
    String queuesEmbeddedPort;

    @PropertyInject(value = "queues.consumers", defaultValue = "2")
    int queuesConsumers;

    @PropertyInject(value = "queues.max-delivery-attempts", defaultValue = "10")
    int queuesMaxDeliveryAttempts;

    @PropertyInject(value = "queues.redelivery-delay", defaultValue = "1000")
    long queuesRedeliveryDelay;

    /** How long a claimed delivery stays this instance's; unset: long enough for a whole batch at its slowest. */
    @PropertyInject(value = "delivery.claim-lease-seconds", defaultValue = NONE)
    String claimLeaseSeconds;

    /** Who this instance is on the audit trail and in delivery claims; by default host name and process id. */
    @PropertyInject(value = "gateway.instance-id", defaultValue = NONE)
    String instanceId;

    /** The tracking database: unset means an H2 file under the data dir; PostgreSQL by URL when instances share it. */
    @PropertyInject(value = "database.url", defaultValue = NONE)
    String databaseUrl;

    @PropertyInject(value = "database.user", defaultValue = NONE)
    String databaseUser;

    @PropertyInject(value = "database.password", defaultValue = NONE)
    String databasePassword;

    @PropertyInject(value = "database.schema", defaultValue = NONE)
    String databaseSchema;

    /** Administrators' addresses for certificate expiry warnings, comma-separated; unset: the warnings are only logged. */
    @PropertyInject(value = "expiry.mail-to", defaultValue = NONE)
    String expiryMailTo;

    private final Clock clock = Clock.systemUTC();
    private PartnerDirectory directory;
    private PackageIntake intake;
    private PackageArchive archive;
    private RefreshingContactPointDirectory contactPointDirectory;
    private ReceiptStage receiptStage;
    private Refreshing<Keyring> keyring;
    private Refreshing<RoutingRules> routingRules;
    private ReceiptSender receiptSender;
    private Quarantine quarantine;
    private Database database;
    private DeliveryStore deliveryStore;
    private NoticeRegistry noticeRegistry;
    private PackageRecords packageRecords;
    private QueueBroker queueBroker;
    private CertificateExpiry certificateExpiry;

    /** The broker starts before the routes and stops after them: a Camel service, stopped once the routes have stopped. */
    @Override
    public void configure(CamelContext camelContext) throws Exception {
        camelContext.addService(CamelQueues.lifecycle(queueBroker()), true, true);
    }

    /** The partners in the database (the partners file imported on the first start), read again every few seconds. */
    @BindToRegistry("partnerDirectory")
    public synchronized PartnerDirectory partnerDirectory() {
        if (directory == null) {
            try {
                if (optional(partnersFile) != null) {
                    new PartnerBootstrap(database(), new AuditTrail(clock), clock).importIfEmpty(Path.of(partnersFile));
                }
                PartnerRegistry registry = new PartnerRegistry(database(), new AuditTrail(clock), clock);
                directory = new RefreshingPartnerDirectory(registry::load, refresh(), clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the partner directory from the database: " + e.getMessage(), e);
            }
        }
        return directory;
    }

    /** The contact points in the database, as the gateway routes and delivers with them now. */
    @BindToRegistry("contactPointDirectory")
    public ContactPointDirectory contactPointDirectory() {
        return contactPoints();
    }

    /** The gateway's keys as read last from the database: what opens packages and what signs, now. */
    @BindToRegistry("gatewayKeyring")
    public Refreshing<Keyring> gatewayKeyring() {
        return keyring();
    }

    @BindToRegistry("packageIntake")
    public synchronized PackageIntake packageIntake() {
        if (intake == null) {
            intake = new PackageIntake(archive(), packageRecords(), clock);
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

    @BindToRegistry("openStage")
    public OpenStage openStage() {
        Refreshing<Keyring> keys = keyring();
        PackageOpener opener = new PackageOpener(() -> keys.get().decryption(), partnerDirectory(), AlgorithmPolicy.strict(),
                OpenLimits.defaults(), data("work"), clock, RevocationPolicy.of(onMissingCrl));
        return new OpenStage(opener, data("opened"), packageRecords());
    }

    @BindToRegistry("convertStage")
    public ConvertStage convertStage() {
        return new ConvertStage(new NoticeConverter(), new PartnerFormats(Path.of(mappingsDir)), contactPointRouter(), data("notices"));
    }

    @BindToRegistry("packageCompletion")
    public PackageCompletion packageCompletion() {
        return new PackageCompletion(packageIntake());
    }

    @BindToRegistry("refusals")
    public Refusals refusals() {
        return new Refusals(quarantine(), packageRecords(), receiptStage());
    }

    /** The queues' endpoints ({@code jms:queue:...}): transacted consumers, persistent sends. */
    @BindToRegistry("jms")
    public JmsComponent jms() {
        return CamelQueues.component(queueBroker());
    }

    @BindToRegistry("receivedPackageMessage")
    public ReceivedPackageMessage receivedPackageMessage() {
        return new ReceivedPackageMessage(archive());
    }

    @BindToRegistry("failedDeliveries")
    public FailedDeliveries failedDeliveries() {
        return new FailedDeliveries(queuesMaxDeliveryAttempts, packageRecords());
    }

    /** Administrators' requests to process a package again, taken by this instance; a request it took and did not finish goes to another after the lease. */
    @BindToRegistry("packageRequests")
    public PackageRequests packageRequests() {
        return new PackageRequests(database(), new AuditTrail(clock), clock, instanceId(), REQUEST_LEASE);
    }

    @BindToRegistry("crlRefresh")
    public ScheduledCrlRefresh crlRefresh() {
        return new ScheduledCrlRefresh(new CrlRefresher(database(), new AuditTrail(clock), clock,
                CrlRefresher.http(Duration.ofSeconds(crlFetchTimeoutSeconds))), crlRefreshMinutes, instanceId());
    }

    @BindToRegistry("deliveryStage")
    public DeliveryStage deliveryStage() {
        return new DeliveryStage(new DeliverySealer(signingKey()), contactPoints(), noticeRegistry());
    }

    @BindToRegistry("deliveryWakeUp")
    public DeliveryWakeUp deliveryWakeUp() {
        return new DeliveryWakeUp(Duration.ofMillis(deliveryPollPeriod));
    }

    /** Closed when the gateway stops: its SFTP sessions are kept open between runs. */
    @BindToRegistry(value = "deliveryWorker", destroyMethod = "close")
    public DeliveryWorker deliveryWorker() {
        ContactPointDirectory directory = contactPoints();
        Duration timeout = Duration.ofSeconds(deliveryTimeoutSeconds);
        // A claim outlasts a whole batch of attempts at their slowest (connect and answer timeouts), so a live instance keeps it.
        Duration lease = optional(claimLeaseSeconds) == null ? timeout.multipliedBy(3L * DELIVERY_BATCH).plusSeconds(60)
                : Duration.ofSeconds(Long.parseLong(claimLeaseSeconds.strip()));
        DeliveryWorker.Claiming claiming = new DeliveryWorker.Claiming(instanceId(), DELIVERY_BATCH, lease);
        return new DeliveryWorker(deliveryStore(), claiming,
                id -> DeliveryStage.DeliveryTargets.of(directory.find(id).orElseThrow(
                        () -> new IllegalStateException("contact point " + id + " is no longer in the directory"))),
                new TransportChannels(httpChannels(directory, timeout), sftpDelivery(timeout),
                        new MailDelivery(smtpHost, smtpPort, deliveryFrom, timeout)),
                RetryPolicy.defaults().withLimit(Duration.ofHours(retryLimitHours)), clock, new SecureRandom());
    }

    @BindToRegistry("receiptStage")
    public synchronized ReceiptStage receiptStage() {
        if (receiptStage == null) {
            Duration timeout = Duration.ofSeconds(deliveryTimeoutSeconds);
            // Receipts to SFTP partners go back through the gateway's own intake account, into <inbox>/<PARTNER>/receipts.
            ReceiptSender.SftpSettings sftp = new ReceiptSender.SftpSettings(sftpHost, sftpPort, sftpUser,
                    optional(sftpIntakePassword), optional(sftpIntakeKey) == null ? null : Path.of(sftpIntakeKey),
                    Path.of(sftpIntakeKnownHosts), sftpInbox);
            receiptSender = new ReceiptSender(signingKey(), sftp, new MailDelivery(smtpHost, smtpPort, deliveryFrom, timeout), timeout,
                    Path.of(dataDir));
            receiptStage = new ReceiptStage(receiptSender, partnerDirectory(), noticeRegistry(), packageRecords(), clock);
        }
        return receiptStage;
    }

    /** Every watched certificate's expiry status (partners', contact points', the gateway's own), for the watch and the API. */
    @BindToRegistry("certificateExpiry")
    public synchronized CertificateExpiry certificateExpiry() {
        if (certificateExpiry == null) {
            // One small source per owner kind, each reading its own table.
            CertificateInventory inventory = CertificateInventory.of(
                    new PartnerCertificateInventory(new PartnerRegistry(database(), new AuditTrail(clock), clock)),
                    new ContactPointCertificateInventory(new ContactPointRegistry(database(), new AuditTrail(clock), clock), System::getenv),
                    new GatewayCertificateInventory(new GatewayKeyRegistry(database(), new AuditTrail(clock), clock, null)));
            certificateExpiry = new CertificateExpiry(inventory, ExpiryThresholds.defaults(), clock);
        }
        return certificateExpiry;
    }

    @BindToRegistry("expiryWatch")
    public ExpiryWatch expiryWatch() {
        ExpiryMail mail = optional(expiryMailTo) == null ? null
                : ExpiryMail.through(smtpHost, smtpPort, deliveryFrom, expiryMailTo, Duration.ofSeconds(deliveryTimeoutSeconds), clock);
        return new ExpiryWatch(certificateExpiry(), database(), new AuditTrail(clock), mail, clock, instanceId());
    }

    /** The receipt stage's sender, bound so that the SFTP sessions it keeps open are closed when the gateway stops. */
    @BindToRegistry(value = "receiptSender", destroyMethod = "close")
    public synchronized ReceiptSender receiptSender() {
        receiptStage();
        return receiptSender;
    }

    /** The tracking database, migrated on open; its pool is closed when the gateway stops. */
    @BindToRegistry(value = "database", destroyMethod = "close")
    public synchronized Database database() {
        if (database == null) {
            DatabaseSettings settings = optional(databaseUrl) == null ? DatabaseSettings.embedded(Path.of(dataDir))
                    // Settings left out are not passed: the driver may take them from the URL.
                    : new DatabaseSettings(databaseUrl, optional(databaseUser), optional(databasePassword), optional(databaseSchema),
                    DatabaseSettings.DEFAULT_POOL_SIZE);
            database = Database.open(settings);
        }
        return database;
    }

    synchronized PackageRecords packageRecords() {
        if (packageRecords == null) {
            packageRecords = new PackageRecords(database(), new AuditTrail(clock), clock, instanceId());
        }
        return packageRecords;
    }

    synchronized DeliveryStore deliveryStore() {
        if (deliveryStore == null) {
            deliveryStore = new DeliveryStore(database(), new AuditTrail(clock), clock);
        }
        return deliveryStore;
    }

    synchronized NoticeRegistry noticeRegistry() {
        if (noticeRegistry == null) {
            noticeRegistry = new NoticeRegistry(database(), new AuditTrail(clock), deliveryStore(), clock, instanceId());
        }
        return noticeRegistry;
    }

    String instanceId() {
        return optional(instanceId) == null ? GatewayInstance.defaultId() : instanceId;
    }

    /** Contact points that demand a client certificate get their own mutual-TLS client; the rest share one. */
    private HttpChannels httpChannels(ContactPointDirectory directory, Duration timeout) {
        return new HttpChannels(new HttpDelivery(timeout, timeout, clock), new MutualTlsClients(directory,
                optional(trustStore) == null ? null : Path.of(trustStore), Objects.requireNonNullElse(optional(trustStorePassword), "").toCharArray(),
                timeout, clock));
    }

    /** Null (deliveries to sftp endpoints are then refused as dead letters) until the gateway has an SFTP identity. */
    private SftpDelivery sftpDelivery(Duration timeout) {
        if (optional(sftpKnownHosts) == null || (optional(sftpPassword) == null && optional(sftpPrivateKey) == null)) {
            return null;
        }
        return new SftpDelivery(Path.of(sftpKnownHosts), optional(sftpPassword),
                optional(sftpPrivateKey) == null ? null : Path.of(sftpPrivateKey), timeout);
    }

    /** The gateway's signing key as it is now, for deliveries and receipts alike: the most recently activated one. */
    private Supplier<KeyMaterial> signingKey() {
        Refreshing<Keyring> keys = keyring();
        return () -> keys.get().signing();
    }

    /**
     * The gateway's keys in the database (the key files imported on the first start), read again every
     * few seconds, so an activation or a retirement takes effect without a restart.
     */
    private synchronized Refreshing<Keyring> keyring() {
        if (keyring == null) {
            char[] password = keyPassword.toCharArray();
            try {
                List<Path> files = new ArrayList<>();
                for (String file : keys.split(",")) {
                    if (optional(file.strip()) != null) {
                        files.add(Path.of(file.strip()));
                    }
                }
                new GatewayKeyBootstrap(database(), new AuditTrail(clock), clock, password).importIfEmpty(files, Path.of(signingKey));
                GatewayKeyRegistry registry = new GatewayKeyRegistry(database(), new AuditTrail(clock), clock, password);
                keyring = new Refreshing<>("the gateway keys", registry::load, refresh(), clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the gateway keys from the database: " + e.getMessage(), e);
            }
        }
        return keyring;
    }

    /** The contact points in the database (the contact-points file imported on the first start), read again every few seconds. */
    private synchronized RefreshingContactPointDirectory contactPoints() {
        if (contactPointDirectory == null) {
            try {
                if (optional(contactPointsFile) != null) {
                    new ContactPointBootstrap(database(), new AuditTrail(clock), clock).importIfEmpty(Path.of(contactPointsFile));
                }
                contactPointDirectory = new RefreshingContactPointDirectory(new ContactPointRegistry(database(), new AuditTrail(clock), clock),
                        refresh(), clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the contact-point directory from the database: " + e.getMessage(), e);
            }
        }
        return contactPointDirectory;
    }

    /**
     * The routing rules of {@code config/routing.yaml}, checked against the contact-point directory: at
     * start a rule naming an unknown contact point stops the gateway; afterwards the file is read again
     * with the directory, so a contact point added and named in a rule receives notices without a
     * restart (a file that no longer checks out is logged and the last good rules stay).
     */
    @BindToRegistry("routingRules")
    public synchronized Refreshing<RoutingRules> routingRules() {
        if (routingRules == null) {
            RefreshingContactPointDirectory directory = contactPoints();
            Path file = Path.of(routingFile);
            try {
                routingRules = new Refreshing<>("the routing rules " + file, () -> RoutingRulesFile.load(file, directory.current()), refresh(), clock);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return routingRules;
    }

    private ContactPointRouter contactPointRouter() {
        Refreshing<RoutingRules> rules = routingRules();
        return new ContactPointRouter(rules::get);
    }

    private Duration refresh() {
        return Duration.ofSeconds(directoryRefreshSeconds);
    }

    synchronized QueueBroker queueBroker() {
        if (queueBroker == null) {
            String port = optional(queuesEmbeddedPort);
            QueueSettings settings = new QueueSettings(optional(queuesBrokerUrl), optional(queuesUser), optional(queuesPassword),
                    port == null ? null : Integer.valueOf(port), queuesConsumers,
                    Redelivery.of(queuesMaxDeliveryAttempts, Duration.ofMillis(queuesRedeliveryDelay)));
            queueBroker = new QueueBroker(settings, data("broker"));
        }
        return queueBroker;
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

    private static String optional(String setting) {
        return setting == null || setting.isBlank() || NONE.equals(setting) ? null : setting;
    }

    private Path data(String name) {
        return Path.of(dataDir).resolve(name);
    }
}
