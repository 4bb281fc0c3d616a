package org.imigateway.broker;

import java.util.HashSet;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;

/**
 * Binds Camel's JMS component to the broker (embedded or external) for transacted routes.
 *
 * <pre>{@code
 * CamelJms.install(context, broker);              // before adding routes
 * from(CamelJms.consume(Queues.INBOUND, 1, 4)).routeId("dispatch")
 *     .transacted()
 *     .process(...)                               // an exception here rolls everything back
 *     .setHeader(Queues.DUPLICATE_ID_PROPERTY, header("ebmsMessageId"))
 *     .to(CamelJms.produce(Queues.OUTBOUND));
 * }</pre>
 *
 * <p>Receiving the message and every send in the route are one local JMS transaction on one session:
 * it commits when the route ends normally and rolls back when an exception leaves the route. The broker
 * then redelivers per {@link RedeliverySettings} and after the last attempt moves the message to
 * {@link Queues#DEAD_LETTER}. Hence routes do not handle exceptions that should be retried and do not
 * add Camel-side redelivery: the broker keeps the count and the delay, in its journal, across restarts.
 * {@code transacted()} also keeps the whole route on the listener's thread, where the transaction lives.
 *
 * <p>A send whose {@link Queues#DUPLICATE_ID_PROPERTY} the target address has already seen fails the
 * commit: inside a route the message is then retried into the dead-letter queue, outside a route the
 * {@code ProducerTemplate} throws ({@link Queues#isDuplicateRejection}). Find expected repeats (a sender
 * that lost its receipt) in the message store before sending; the broker's check is the safety net.
 */
public final class CamelJms {

    /** URI scheme of the component that {@link #install} registers. */
    public static final String COMPONENT = "jms";

    /** Registry name under which {@code transacted()} finds its policy by Camel's convention. */
    public static final String REQUIRED_POLICY = "PROPAGATION_REQUIRED";

    // Sessions kept open for reuse: at least every concurrent consumer of every route plus the producers
    // that send outside a route. Beyond it sessions still work, but are opened and closed per use.
    private static final int SESSION_CACHE_SIZE = 32;

    private CamelJms() {
    }

    /**
     * Registers the {@value #COMPONENT} component and the {@value #REQUIRED_POLICY} transaction policy,
     * both on the broker's connection factory. Stop the Camel context before the broker.
     */
    public static void install(CamelContext context, Broker broker) {
        // The transaction manager opens a session per transaction; this factory keeps the one connection
        // and reuses sessions, producers and consumers, which is what makes transacted routes fast.
        CachingConnectionFactory caching = new CachingConnectionFactory(broker.connectionFactory());
        caching.setSessionCacheSize(SESSION_CACHE_SIZE);
        JmsTransactionManager transactionManager = new JmsTransactionManager(caching);

        JmsComponent jms = JmsComponent.jmsComponentTransacted(caching, transactionManager);
        jms.getConfiguration().setDeliveryPersistent(true);
        // The listener must take its session from the transaction manager, so that the receive and the
        // route's sends commit together. A listener-cached session (CACHE_CONNECTION and up) would be a
        // second session that commits on its own: never raise this; the caching factory does the reuse.
        jms.getConfiguration().setCacheLevelName("CACHE_NONE");
        // Camel's error handler has already logged the exception with its stack trace; the listener's
        // "execution failed" line then only says that the transaction rolls back.
        jms.getConfiguration().setErrorHandlerLogStackTrace(false);
        jms.setHeaderFilterStrategy(headerFilter());
        context.addComponent(COMPONENT, jms);
        context.getRegistry().bind(REQUIRED_POLICY, new SpringTransactionPolicy(transactionManager));
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    caching.destroy();
                }
            }, true, true);
        } catch (Exception e) {
            throw new BrokerException("Cannot register the JMS connection clean-up with Camel: " + e.getMessage(), e);
        }
    }

    // A consumed message's duplicate id must not ride along on the route's sends: sent back to an address
    // that has seen it (a requeue, a resend), it fails the commit and the message is retried into the
    // dead-letter queue. A route sets the id deliberately for each send instead.
    private static JmsHeaderFilterStrategy headerFilter() {
        JmsHeaderFilterStrategy filter = new JmsHeaderFilterStrategy();
        Set<String> in = filter.getInFilter() == null ? new HashSet<>() : new HashSet<>(filter.getInFilter());
        in.add(Queues.DUPLICATE_ID_PROPERTY);
        filter.setInFilter(in);
        return filter;
    }

    /**
     * A transacted consumer of {@code queue} with between {@code minConsumers} and {@code maxConsumers}
     * concurrent listeners. Messages are taken in order only with 1 and 1.
     */
    public static String consume(String queue, int minConsumers, int maxConsumers) {
        if (minConsumers < 1 || maxConsumers < minConsumers) {
            throw new IllegalArgumentException("Need 1 <= minConsumers <= maxConsumers, got "
                    + minConsumers + " and " + maxConsumers);
        }
        return COMPONENT + ":queue:" + queue + "?concurrentConsumers=" + minConsumers
                + "&maxConcurrentConsumers=" + maxConsumers;
    }

    /**
     * A producer to {@code queue}: inside a transacted route its send is part of the route's transaction;
     * elsewhere (a {@code ProducerTemplate}) each send is committed, hence on disk, when it returns.
     */
    public static String produce(String queue) {
        return COMPONENT + ":queue:" + queue;
    }
}
