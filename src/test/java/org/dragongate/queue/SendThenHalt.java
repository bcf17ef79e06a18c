package org.dragongate.queue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Sends one message to the received queue the way the intake routes do (the gateway's jms
 * component, embedded broker in {@code args[0]}), prints {@code SENT}, then halts the JVM at once:
 * no shutdown hook runs, the broker is not stopped, nothing is flushed on the way out.
 */
public final class SendThenHalt {
    private SendThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        QueueBroker broker = new QueueBroker(new QueueSettings(null, null, null, null, 1, Redelivery.of(3, Duration.ofMillis(100))),
                Path.of(args[0]));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms", CamelQueues.component(broker));
        camel.addService(CamelQueues.lifecycle(broker), true, true);
        camel.start();
        camel.createProducerTemplate().sendBody("jms:queue:" + QueueNames.RECEIVED, args[1]);
        System.out.println("SENT");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
