package org.dragongate.queue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.critical.CriticalAnalyzerPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache ActiveMQ Artemis broker inside the gateway's JVM, for a single machine and the demo:
 * persistent, with its journal (and bindings, paging, large messages) under one folder, so a
 * message the broker has accepted survives a crash and a restart. Clients in the same JVM reach it
 * in-VM; with a TCP port it also listens on 127.0.0.1, so another gateway process on the machine
 * can share it. Security is off, which is why it listens in-VM and on loopback only.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** In-VM acceptor ids are global to the JVM; one per broker, so a test's broker never meets the last one's. */
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();

    private final EmbeddedActiveMQ server;
    private final String inVmUrl;

    private EmbeddedBroker(EmbeddedActiveMQ server, String inVmUrl) {
        this.server = server;
        this.inVmUrl = inVmUrl;
    }

    /**
     * @param dir     the broker's folder (created if missing); the same folder after a restart gives back every message
     * @param tcpPort a port on 127.0.0.1 to listen on as well, or null for in-VM clients only
     */
    public static EmbeddedBroker start(Path dir, Integer tcpPort, Redelivery redelivery) throws Exception {
        return start(dir, nextInVmUrl(), tcpPort, redelivery);
    }

    /** @param inVmUrl from {@link #nextInVmUrl}, for clients set up before the broker starts */
    public static EmbeddedBroker start(Path dir, String inVmUrl, Integer tcpPort, Redelivery redelivery) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("dragongate")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                // NIO needs no native library; every write the broker acknowledges is synced to disk all the same.
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                // A slow disk is logged, never a reason for the broker to halt the gateway's JVM.
                .setCriticalAnalyzerPolicy(CriticalAnalyzerPolicy.LOG);
        config.addAcceptorConfiguration("in-vm", inVmUrl);
        if (tcpPort != null) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcpPort + "?protocols=CORE");
        }
        config.addAddressSetting(QueueNames.ALL, addressSettings(redelivery));
        // The dead-letter queue is never moved anywhere else: the gateway records its packages as FAILED, and while it
        // cannot (the database is down), each message comes back with the same backoff as the received queue's.
        config.addAddressSetting(QueueNames.FAILED, new AddressSettings().setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(redelivery.firstDelay().toMillis()).setRedeliveryMultiplier(Redelivery.BACKOFF)
                .setMaxRedeliveryDelay(redelivery.maxDelay().toMillis()));
        // Declared up front, so the queues (above all the dead-letter one) exist before any message needs them.
        for (String queue : new String[] {QueueNames.RECEIVED, QueueNames.FAILED}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        LOG.info("embedded broker started: journal in {}{}", dir, tcpPort == null ? "" : ", listening on 127.0.0.1:" + tcpPort);
        return new EmbeddedBroker(server, inVmUrl);
    }

    /** A fresh in-VM URL ({@code vm://N}): in-VM acceptors are global to the JVM, so each broker gets its own. */
    public static String nextInVmUrl() {
        return "vm://" + IN_VM_IDS.getAndIncrement();
    }

    static AddressSettings addressSettings(Redelivery redelivery) {
        return new AddressSettings()
                .setMaxDeliveryAttempts(redelivery.maxAttempts())
                .setRedeliveryDelay(redelivery.firstDelay().toMillis())
                .setRedeliveryMultiplier(Redelivery.BACKOFF)
                .setMaxRedeliveryDelay(redelivery.maxDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(QueueNames.FAILED))
                // Messages are grouped by package (JMSXGroupID = SHA-256): one consumer at a time, on any
                // instance, has a given package, so two copies of it are never processed at once. Buckets
                // bound the broker's memory for groups; rebalancing lets an instance that joins take a share.
                // Dispatch is not paused during a rebalance (a paused queue waits on the messages a dead
                // instance held): a copy of a package met on two consumers at that moment is still kept from
                // being delivered twice by the notice registry's transaction.
                .setDefaultGroupBuckets(QueueNames.GROUP_BUCKETS)
                .setDefaultGroupRebalance(true)
                // Our messages never expire; should one ever carry an expiry, it is kept with the failed ones.
                .setExpiryAddress(SimpleString.of(QueueNames.FAILED))
                // Our queues are declared; nothing the broker creates on the fly is deleted while it may hold messages.
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    /** The URL in-VM clients connect with. */
    public String inVmUrl() {
        return inVmUrl;
    }

    /** How many messages a queue holds (waiting, or delivered and not yet acknowledged); 0 for a queue that does not exist. */
    public long messageCount(String queue) {
        var binding = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return binding == null ? 0 : binding.getMessageCount();
    }

    /** Stops the broker; what it accepted stays in its journal for the next start. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the embedded broker did not stop cleanly", e);
        }
        LOG.info("embedded broker stopped");
    }
}
