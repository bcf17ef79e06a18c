package org.dragongate.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dragongate.api.AdminTokens;
import org.dragongate.api.ApiRole;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.NewContactPoint;
import org.dragongate.directory.UseWindow;
import org.dragongate.notice.Category;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.HeadlessChromium;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestNotices;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (headless Chromium) against a running gateway: the admin signs in
 * with a token, works on partners and their certificates, suspends and resumes a contact point,
 * reprocesses and discards a quarantined package, re-drives a dead letter, traces a package; an
 * auditor sees the same pages without a single write button; a bad token gets the API's refusal.
 * Each test works on its own partner, contact point or package, so they do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final String HK = ExamplePki.HK_CED;
    private static final String JP = ExamplePki.JP_CUSTOMS;
    private static final String ENV = ExamplePki.VN_ENV_POLICE;
    private static final String RILO = ExamplePki.RILO_AP;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path base;
    private WebDriver browser;
    private WireMockServer contactPoints;
    private GatewayFixture gw;
    private String console;
    private String adminToken;
    private String auditorToken;

    @BeforeAll
    void start(@TempDir Path base) throws Exception {
        this.base = base;
        browser = HeadlessChromium.start();
        contactPoints = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoints.start();
        // The environment police's endpoint refuses for good until the test fixes it: its delivery goes dead.
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ENV)).willReturn(aResponse().withStatus(400)));
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + RILO)).willReturn(aResponse().withStatus(201)));
        gw = GatewayFixture.start(base);
        int port = GatewayFixture.freeLoopbackPort();
        gw.startGateway(Map.of(
                "camel.main.routes-include-pattern", GatewayFixture.SFTP_ROUTES + ",file:routes/api.camel.yaml,file:routes/console.camel.yaml",
                "api.port", Integer.toString(port),
                "gateway.contact-points-file", gw.contactPointsAt(contactPoints.port()).toString(),
                "gateway.directory-refresh-seconds", "1",
                "delivery.poll-period", "200"));
        console = "http://127.0.0.1:" + port + "/console/";
        Database database = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        AdminTokens tokens = new AdminTokens(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC());
        adminToken = tokens.create("alice", ApiRole.ADMIN, "console-test").secret();
        auditorToken = tokens.create("audrey", ApiRole.AUDITOR, "console-test").secret();
    }

    @AfterAll
    void stop() throws Exception {
        try (GatewayFixture closing = gw) {
            if (browser != null) {
                browser.quit();
            }
            if (contactPoints != null) {
                contactPoints.stop();
            }
        }
    }

    @Test
    void aBadTokenGetsTheApisRefusalAndNoPage() {
        signedOut("partners");
        browser.findElement(By.id("token")).sendKeys("dg_not-a-token");
        browser.findElement(By.cssSelector("#login-form button")).click();

        WebElement error = waitFor(By.cssSelector("#error .code"));
        assertThat(error.getText()).matches("[A-Z_]+").isNotIn("CONSOLE_ERROR", "HTTP_401");
        assertThat(browser.findElement(By.cssSelector("#error .message")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(sessionToken()).isNull();
    }

    @Test
    void partnersShowTheirCertificatesExpiryAndACertificateIsImportedThenRevoked() throws Exception {
        signIn(adminToken, "partners");
        WebElement row = rowOf(HK);
        assertThat(row.getText()).contains("ACTIVE").contains("OK ·").contains("days left");

        // A certificate the partner will use for ten more days: imported, it shows as expiring soon.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var issued = TestCertificates.authority("Console Test CA", base.resolve("pki")).endEntity("HK Console Signer <b>")
                .validity(now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)).issue("hk-console");
        String sha256 = GatewayFixture.sha256(issued.certificate().getEncoded());
        row.findElement(By.linkText(HK)).click();
        WebElement form = waitFor(By.id("import-certificate"));
        form.findElement(By.name("pem")).sendKeys(pem(issued.certificate().getEncoded()));
        new Select(form.findElement(By.name("kind"))).selectByValue("PINNED");
        form.findElement(By.cssSelector("[data-action=import]")).click();

        // The subject as the API gives it (RFC 2253 escapes the angle brackets), and as text: no markup made of it.
        String subject = "CN=HK Console Signer \\<b\\>,O=Dragongate Tests";
        assertThat(waitFor(By.id("flash")).getText()).isEqualTo("Imported " + subject + ".");
        WebElement certificate = certificateRow(sha256);
        assertThat(certificate.getText()).contains("PINNED").contains(subject).contains("ACTIVE")
                .contains("WARNING · 10 days left").contains("in use");
        assertThat(certificate.findElements(By.cssSelector(".subject *"))).isEmpty();
        gw.awaitCount(1, "SELECT COUNT(*) FROM partner_certificate WHERE partner_id = ? AND sha256 = ? AND status = 'ACTIVE'", HK, sha256);
        open("partners");
        // From the gateway's expiry watch where it has one, else worked out by the console: either way expiring soon.
        assertThat(rowOf(HK).getText()).contains("WARNING ·").contains("days left");

        open("partners/" + HK);
        certificate = certificateRow(sha256);
        certificate.findElement(By.name("reason")).sendKeys("key lost by the partner");
        certificate.findElement(By.cssSelector("[data-action=revoke]")).click();

        assertThat(waitFor(By.id("flash")).getText()).contains("Revoked");
        assertThat(certificateRow(sha256).getText()).contains("REVOKED").contains("key lost by the partner");
        assertThat(certificateRow(sha256).findElements(By.cssSelector("[data-action=revoke]"))).isEmpty();
        gw.awaitCount(1, "SELECT COUNT(*) FROM partner_certificate WHERE partner_id = ? AND sha256 = ? AND status = 'REVOKED'"
                + " AND revoked_reason = 'key lost by the partner'", HK, sha256);
        assertThat(gw.tracking().audit()).anyMatch(r -> r.startsWith("ADMIN_ACTION") && r.contains("[api:alice]")
                && r.contains("certificate revoked") && r.contains(sha256));
    }

    @Test
    void aRefusedCertificateShowsTheApisReason() {
        signIn(adminToken, "partners/" + HK);
        WebElement form = waitFor(By.id("import-certificate"));
        form.findElement(By.name("pem")).sendKeys("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        form.findElement(By.cssSelector("[data-action=import]")).click();

        assertThat(waitFor(By.cssSelector("#error .code")).getText()).matches("[A-Z_]+").isNotEqualTo("CONSOLE_ERROR");
        assertThat(browser.findElement(By.id("view")).isDisplayed()).isTrue();
    }

    @Test
    void aPartnerSuspendedInTheConsoleIsRefusedUntilResumedThere() throws Exception {
        PartnerDirectory directory = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("partnerDirectory", PartnerDirectory.class);
        signIn(adminToken, "partners/" + JP);
        browser.findElement(By.cssSelector("input[name=reason]")).sendKeys("certificate compromised");
        browser.findElement(By.cssSelector("[data-action=suspend]")).click();

        assertThat(waitForText(By.id("partner-status"), "SUSPENDED")).isTrue();
        assertThat(waitFor(By.id("flash")).getText()).contains(JP + " is suspended");
        assertThat(browser.findElement(By.id("partner-status-reason")).getText()).isEqualTo("certificate compromised");
        assertThat(gw.tracking().audit()).anyMatch(r -> r.startsWith("ADMIN_ACTION") && r.contains("[api:alice]") && r.contains(JP + " suspended"));
        GatewayFixture.await("the gateway to read the suspension", () -> directory.find(JP).isEmpty() ? true : null);
        Path refused = gw.seal(JP);
        gw.upload(JP, refused, "while-suspended.p7m");
        assertThat(gw.awaitQuarantined(GatewayFixture.sha256(refused)).reason()).isEqualTo("UNKNOWN_SIGNER");

        waitFor(By.cssSelector("[data-action=resume]")).click();

        assertThat(waitForText(By.id("partner-status"), "ACTIVE")).isTrue();
        GatewayFixture.await("the gateway to read the resumption", () -> directory.find(JP).isPresent() ? true : null);
        Path accepted = gw.seal(JP);
        gw.upload(JP, accepted, "resumed.p7m");
        gw.awaitOpened(GatewayFixture.sha256(accepted));
    }

    /**
     * A package refused again after a reprocess gets a new entry, found from the old entry's page;
     * discarded with a reason, it leaves the default list while the reprocessed one stays.
     */
    @Test
    void aQuarantinedPackageIsReprocessedAndItsNewEntryDiscardedInTheConsole() throws Exception {
        Path refused = refusedPackage();
        String sha256 = GatewayFixture.sha256(refused);
        gw.upload(CN, refused, "not-cms.p7m");
        String first = gw.awaitQuarantined(sha256).id();
        gw.awaitCount(1, "SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ? AND package_sha256 = ? AND state = 'OPEN'", first, sha256);

        signIn(adminToken, "quarantine");
        WebElement row = rowOf(first);
        assertThat(row.getText()).contains("OPEN").contains(CN);
        String reason = row.findElement(By.tagName("code")).getText();
        assertThat(reason).matches("[A-Z_]+");
        row.findElement(By.linkText(first)).click();

        assertThat(waitForText(By.id("quarantine-state"), "OPEN")).isTrue();
        assertThat(browser.findElement(By.id("view")).getText()).contains(sha256).contains(reason);
        waitFor(By.cssSelector("[data-action=reprocess]")).click();

        assertThat(waitFor(By.id("flash")).getText()).contains("Reprocessing " + first);
        assertThat(waitForText(By.id("quarantine-state"), "REPROCESSED")).isTrue();
        assertThat(browser.findElements(By.cssSelector("#view [data-action]"))).isEmpty();
        gw.awaitCount(1, "SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ? AND state = 'REPROCESSED'", first);
        // The gateway takes the request, puts the package through the flow, and refuses it again: a second entry.
        gw.awaitCount(2, "SELECT COUNT(*) FROM quarantine WHERE package_sha256 = ?", sha256);
        gw.awaitCount(1, "SELECT COUNT(*) FROM package_request WHERE package_sha256 = ? AND kind = 'REPROCESS' AND quarantine_id = ?"
                + " AND state = 'QUEUED' AND requested_by = ?", sha256, first, "api:alice");

        open("quarantine/" + first);
        WebElement entries = waitFor(By.id("package-entries"));
        assertThat(entries.getText()).contains(first + " (this one)").contains("REPROCESSED").contains("OPEN");
        assertThat(browser.findElement(By.id("view")).getText()).contains("REPROCESS").contains("QUEUED").contains("api:alice");
        WebElement newer = entries.findElement(By.cssSelector("a"));
        String second = newer.getText();
        assertThat(second).isNotEqualTo(first);
        gw.awaitCount(1, "SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ? AND package_sha256 = ? AND state = 'OPEN'", second, sha256);
        newer.click();

        assertThat(waitForText(By.id("quarantine-state"), "OPEN")).isTrue();
        assertThat(browser.findElement(By.cssSelector("h1 .id")).getText()).isEqualTo(second);
        browser.findElement(By.cssSelector("#view input[name=reason]")).sendKeys("not a package, never to be taken in");
        browser.findElement(By.cssSelector("[data-action=discard]")).click();

        assertThat(waitFor(By.id("flash")).getText()).isEqualTo("Discarded " + second + ".");
        assertThat(waitForText(By.id("quarantine-state"), "DISCARDED")).isTrue();
        assertThat(browser.findElement(By.id("view")).getText()).contains("not a package, never to be taken in");
        assertThat(browser.findElements(By.cssSelector("#view [data-action]"))).isEmpty();
        gw.awaitCount(1, "SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ? AND state = 'DISCARDED' AND discard_reason = ?",
                second, "not a package, never to be taken in");
        assertThat(gw.tracking().audit()).anyMatch(r -> r.startsWith("ADMIN_ACTION") && r.contains("[api:alice]")
                && r.contains("quarantine entry " + second) && r.contains("discarded"));

        open("quarantine");
        assertThat(rowOf(first).getText()).contains("REPROCESSED");
        assertThat(browser.findElements(By.linkText(second))).isEmpty();
        browser.findElement(By.id("quarantine-all")).click();
        assertThat(rowOf(second).getText()).contains("DISCARDED");
    }

    /** A contact point of its own, so suspending it holds no other test's deliveries. */
    @Test
    void aContactPointShowsItsCertificateAndIsSuspendedThenResumedInTheConsole() throws Exception {
        String id = "VN-CONSOLE-TEST";
        Database database = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        ContactPointRegistry registry = new ContactPointRegistry(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC());
        registry.add(new NewContactPoint(id, "Console <b>Test</b> Police", "VN", Set.of(Category.WILDLIFE, Category.OTHER),
                "http://127.0.0.1:" + contactPoints.port() + "/contact-points/" + id, null, null, null), "console-test");
        // An encryption certificate with twenty more days: it shows as expiring soon.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var issued = TestCertificates.authority("Console Contact Point CA", base.resolve("pki")).endEntity("VN Console Test")
                .keyUsage(KeyUsage.keyEncipherment)
                .validity(now.minus(1, ChronoUnit.DAYS), now.plus(20, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)).issue("vn-console");
        String sha256 = GatewayFixture.sha256(issued.certificate().getEncoded());
        registry.certificates().importCertificate(id, pem(issued.certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII), "the PEM",
                null, UseWindow.VALIDITY, false, "console-test");

        signIn(adminToken, "contact-points");
        assertThat(rowOf(ENV).getText()).contains("ACTIVE").contains("days left");
        WebElement row = rowOf(id);
        assertThat(row.getText()).contains("Console <b>Test</b> Police").contains("VN").contains("WILDLIFE, OTHER")
                .contains("/contact-points/" + id).contains("ACTIVE").contains("WARNING · 20 days left");
        assertThat(row.findElements(By.tagName("b"))).isEmpty();
        row.findElement(By.linkText(id)).click();

        assertThat(waitForText(By.id("contact-point-status"), "ACTIVE")).isTrue();
        WebElement certificate = certificateRow(sha256);
        assertThat(certificate.getText()).contains("CN=VN Console Test,O=Dragongate Tests").contains("ACTIVE")
                .contains("WARNING · 20 days left").contains("in use");
        assertThat(browser.findElement(By.id("queued-deliveries")).getText()).isEqualTo("0");
        browser.findElement(By.cssSelector("input[name=reason]")).sendKeys("endpoint under maintenance");
        browser.findElement(By.cssSelector("[data-action=suspend]")).click();

        assertThat(waitForText(By.id("contact-point-status"), "SUSPENDED")).isTrue();
        assertThat(waitFor(By.id("flash")).getText()).isEqualTo(id + " is suspended: its deliveries are held until it is resumed.");
        assertThat(browser.findElement(By.id("contact-point-status-reason")).getText()).isEqualTo("endpoint under maintenance");
        assertThat(gw.tracking().count("SELECT COUNT(*) FROM contact_point WHERE contact_point_id = ? AND status = 'SUSPENDED'", id)).isEqualTo(1);
        assertThat(gw.tracking().audit()).anyMatch(r -> r.startsWith("ADMIN_ACTION") && r.contains("[api:alice]")
                && r.contains("contact point " + id + " suspended: endpoint under maintenance"));

        waitFor(By.cssSelector("[data-action=resume]")).click();

        assertThat(waitForText(By.id("contact-point-status"), "ACTIVE")).isTrue();
        assertThat(waitFor(By.id("flash")).getText()).startsWith(id + " is active again");
        assertThat(gw.tracking().count("SELECT COUNT(*) FROM contact_point WHERE contact_point_id = ? AND status = 'ACTIVE'", id)).isEqualTo(1);
        open("contact-points");
        assertThat(rowOf(id).getText()).contains("ACTIVE").doesNotContain("SUSPENDED");
    }

    /** One package: delivered to one contact point (traced), dead at the other (re-driven once it is fixed). */
    @Test
    void aDeadLetterIsRedrivenAndTheDeliveredPackageTraced() throws Exception {
        String reference = "CN-CONSOLE-1";
        String deadKey = "CN-GACC." + reference + ".v1__" + ENV;
        Path sealed = gw.sealNotice(CN, TestNotices.alert(CN, reference), "");
        gw.upload(CN, sealed, "console.p7m");
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DEAD'", deadKey);
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DELIVERED'", "CN-GACC." + reference + ".v1__" + RILO);

        signIn(adminToken, "trace");
        WebElement query = waitFor(By.cssSelector("#trace-form input"));
        query.sendKeys(GatewayFixture.sha256(sealed));
        browser.findElement(By.cssSelector("#trace-form button")).click();
        String story = waitFor(By.id("trace-result")).getText();
        assertThat(story).contains(GatewayFixture.sha256(sealed)).contains("ACCEPTED").contains(reference)
                .contains("CN-GACC." + reference + ".v1__" + RILO).contains("DELIVERED").contains(deadKey).contains("DEAD");

        open("dead-letters");
        WebElement redrive = waitFor(By.cssSelector("[data-action=redrive][data-key='" + deadKey + "']"));
        assertThat(redrive.findElement(By.xpath("./ancestor::tr")).getText()).contains(ENV).contains("400");
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ENV)).willReturn(aResponse().withStatus(201)));
        redrive.click();

        assertThat(waitFor(By.id("flash")).getText()).contains("Queued again: " + deadKey);
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DELIVERED'", deadKey);
        assertThat(gw.tracking().events(deadKey)).anyMatch(e -> e.startsWith("REDRIVEN [api:alice"));
    }

    @Test
    void anAuditorReadsEveryPageButHasNoButtonThatWrites() throws Exception {
        // An open quarantine entry: the page an admin reprocesses or discards it on.
        Path refused = refusedPackage();
        gw.upload(CN, refused, "auditor-not-cms.p7m");
        String entry = gw.awaitQuarantined(GatewayFixture.sha256(refused)).id();
        gw.awaitCount(1, "SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ? AND state = 'OPEN'", entry);

        signIn(auditorToken, "partners");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("audrey (auditor)");
        for (String page : List.of("partners", "partners/" + CN, "contact-points", "contact-points/" + ENV, "expiry", "quarantine",
                "quarantine/" + entry, "dead-letters", "trace", "audit")) {
            open(page);
            waitFor(By.cssSelector("#view h1"));
            assertThat(browser.findElements(By.cssSelector("#view [data-action], #view form:not(#trace-form)"))).as(page).isEmpty();
        }
        open("quarantine");
        assertThat(rowOf(entry).getText()).contains("OPEN");
        open("quarantine/" + entry);
        assertThat(waitForText(By.id("quarantine-state"), "OPEN")).isTrue();
        open("contact-points/" + ENV);
        assertThat(waitForText(By.id("contact-point-status"), "ACTIVE")).isTrue();
        assertThat(browser.findElements(By.cssSelector("#view table code[title]"))).isNotEmpty();
        // The expiry watch's whole view: the gateway's own keys too, which have no page of their own.
        open("expiry");
        waitFor(By.cssSelector("#view h1"));
        assertThat(browser.findElement(By.id("view")).getText()).contains("GATEWAY", "PARTNER", "CONTACT_POINT", CN);
        assertThat(browser.findElements(By.cssSelector("#view [data-expiry]"))).isNotEmpty();
        open("audit");
        assertThat(waitFor(By.id("audit-verdict")).getText()).startsWith("Intact");
        open("trace/no-such-package");
        assertThat(waitFor(By.cssSelector("#error .code")).getText()).isEqualTo("NOT_FOUND");
        assertThat(browser.findElement(By.cssSelector("#trace-form input")).getAttribute("value")).isEqualTo("no-such-package");

        browser.findElement(By.id("logout")).click();

        assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
        assertThat(sessionToken()).isNull();
        assertThat(browser.findElement(By.id("view")).getText()).isEmpty();
    }

    private void open(String route) {
        browser.get(console + "#/" + route);
        browser.navigate().refresh();
    }

    /** A fresh tab state: no token from an earlier test, the login form. */
    private void signedOut(String route) {
        browser.get(console);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        open(route);
    }

    private void signIn(String token, String route) {
        signedOut(route);
        waitFor(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#login-form button")).click();
        waitFor(By.cssSelector("#view[aria-busy=false]"));
    }

    private String sessionToken() {
        return (String) ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('dragongate.token')");
    }

    /** The row of the partner, contact point or quarantine entry that links to its page. */
    private WebElement rowOf(String id) {
        return waitFor(By.linkText(id)).findElement(By.xpath("./ancestor::tr"));
    }

    /** Bytes that are no CMS package, unique to the call so they are never a duplicate: the gateway refuses them. */
    private Path refusedPackage() throws Exception {
        return Files.writeString(base.resolve("not-cms-" + System.nanoTime() + ".p7m"), "not a CMS package " + System.nanoTime());
    }

    private WebElement certificateRow(String sha256) {
        return waitFor(By.cssSelector("code[title='" + sha256 + "']")).findElement(By.xpath("./ancestor::tr"));
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private boolean waitForText(By locator, String text) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
