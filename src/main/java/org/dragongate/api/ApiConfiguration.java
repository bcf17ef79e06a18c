package org.dragongate.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.CrlRefresher;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.expiry.CertificateExpiry;
import org.dragongate.intake.PackageArchive;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.quarantine.QuarantineAdmin;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.FailedPackages;
import org.dragongate.store.PackageTrace;

/**
 * The beans of the admin REST API ({@code routes/api.camel.yaml}), on the gateway's database and the
 * same registries and stores as the command line. A new resource is one bean here and its
 * operations in the route file.
 */
public class ApiConfiguration implements CamelConfiguration {
    /** Bound by the gateway's configuration, which Camel processes before this one. */
    @BeanInject("database")
    Database database;

    @BeanInject("certificateExpiry")
    CertificateExpiry certificateExpiry;

    @PropertyInject("gateway.data-dir")
    String dataDir;

    @PropertyInject(value = "gateway.crl-fetch-timeout-seconds", defaultValue = "10")
    int crlFetchTimeoutSeconds;

    private final Clock clock = Clock.systemUTC();
    private final ApiJson json = new ApiJson();

    /** JSON errors for what no API route takes, once the server is up. */
    @Override
    public void configure(CamelContext camelContext) throws Exception {
        camelContext.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // the server's router is not there yet
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                ApiRouterErrors.install(context);
            }
        });
    }

    @BindToRegistry("apiGate")
    public ApiGate apiGate() {
        return new ApiGate(new ApiAccess(new AdminTokens(database, new AuditTrail(clock), clock)));
    }

    @BindToRegistry("apiReplies")
    public ApiReplies apiReplies() {
        return new ApiReplies(json);
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors();
    }

    @BindToRegistry("openApiDocument")
    public OpenApiDocument openApiDocument() {
        return new OpenApiDocument();
    }

    @BindToRegistry("partnersApi")
    public PartnersApi partnersApi() {
        return new PartnersApi(partnerRegistry(), json);
    }

    @BindToRegistry("certificatesApi")
    public CertificatesApi certificatesApi() {
        return new CertificatesApi(partnerRegistry(), json);
    }

    @BindToRegistry("deadLettersApi")
    public DeadLettersApi deadLettersApi() {
        return new DeadLettersApi(new DeliveryStore(database, new AuditTrail(clock), clock));
    }

    @BindToRegistry("traceApi")
    public TraceApi traceApi() {
        return new TraceApi(new PackageTrace(database));
    }

    @BindToRegistry("auditApi")
    public AuditApi auditApi() {
        return new AuditApi(new AuditChain(database));
    }

    @BindToRegistry("crlsApi")
    public CrlsApi crlsApi() {
        return new CrlsApi(partnerRegistry(), new CrlRefresher(database, new AuditTrail(clock), clock,
                CrlRefresher.http(Duration.ofSeconds(crlFetchTimeoutSeconds))), json);
    }

    @BindToRegistry("quarantineApi")
    public QuarantineApi quarantineApi() {
        return new QuarantineApi(new QuarantineAdmin(database, new AuditTrail(clock), clock, Path.of(dataDir).resolve("quarantine"),
                new PackageArchive(Path.of(dataDir).resolve("archive"))), json);
    }

    @BindToRegistry("failedPackagesApi")
    public FailedPackagesApi failedPackagesApi() {
        return new FailedPackagesApi(new FailedPackages(database, new AuditTrail(clock), clock));
    }

    @BindToRegistry("expiryApi")
    public ExpiryApi expiryApi() {
        return new ExpiryApi(certificateExpiry);
    }

    @BindToRegistry("contactPointsApi")
    public ContactPointsApi contactPointsApi() {
        return new ContactPointsApi(new ContactPointRegistry(database, new AuditTrail(clock), clock), json);
    }

    /** Without the key password: the API lists, activates and retires keys, and never touches a private key. */
    @BindToRegistry("gatewayKeysApi")
    public GatewayKeysApi gatewayKeysApi() {
        return new GatewayKeysApi(new GatewayKeyRegistry(database, new AuditTrail(clock), clock, null), json);
    }

    private PartnerRegistry partnerRegistry() {
        return new PartnerRegistry(database, new AuditTrail(clock), clock);
    }
}
