package org.imigateway;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.builder.RouteBuilder;
import org.imigateway.as4.TlsSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.cooperation.CooperationHub;
import org.imigateway.cooperation.CooperationRoutes;
import org.imigateway.cooperation.CooperationSettings;
import org.imigateway.cooperation.FanOut;
import org.imigateway.cooperation.Retention;
import org.imigateway.cooperation.publicapi.ForwardQueue;
import org.imigateway.cooperation.publicapi.PublicInterface;
import org.imigateway.cooperation.publicapi.PublicRoutes;
import org.imigateway.cooperation.publicapi.PublicSettings;
import org.imigateway.cooperation.translation.TranslationSettings;
import org.imigateway.pmode.ActivePModes;
import org.imigateway.broker.Broker;
import org.imigateway.broker.JmsQueues;
import org.imigateway.pmode.Party;
import org.imigateway.port.Partners;
import org.imigateway.route.Enqueuer;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.route.OutboundSubmission;
import org.imigateway.store.CaseRegistry;
import org.imigateway.store.Database;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecords;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;

/**
 * The IMI hub on top of an access point ({@code gateway.role=hub}): the cooperation step that
 * takes the default deliveries, its timers, and the public interface when
 * {@code public.enabled=true} (its routes run with the hub's; its port opens when the gateway
 * listens). The hub reaches the access point only through the ports it is handed here:
 * submission ({@code GatewayPort}) and delivery ({@code DeliveryListener}) of the connectors, and
 * those of {@code org.imigateway.port}, which the access point's classes implement or this class
 * adapts.
 */
record HubParts(CooperationHub hub, Retention retention, Optional<PublicInterface> publicInterface, Duration overdueCheck) {

    static final long RECOVERY_PERIOD_MILLIS = 60_000;
    /** Retention counts in months: an hourly run is punctual enough. */
    static final long RETENTION_PERIOD_MILLIS = 3_600_000;


    /** The hub of this home, or none when this gateway is a national access point. */
    static Optional<HubParts> open(GatewayConfig config, Lifecycle parts, Database database, ActivePModes pmodes,
            MessageLog log, PayloadStore payloads, PayloadAccess payloadAccess, OutboundSubmission submission,
            FolderInbox inbox, Broker broker, Enqueuer enqueuer, Path data, TlsSettings serverTls,
            AdmissionSettings publicAdmission) throws ConfigException, IOException {
        CooperationSettings settings = CooperationSettings.load(config.home());
        PublicSettings publicSettings = PublicSettings.load(config.home());
        if (!settings.isHub()) {
            if (publicSettings.enabled()) {
                throw new ConfigException(config.home().resolve(GatewayConfig.FILE)
                        + ": public.enabled=true needs gateway.role=hub");
            }
            return Optional.empty();
        }
        broker.ensureQueue(CooperationRoutes.FANOUT_QUEUE);
        FanOut fanOut = (cause, conversationId, line, duplicateId) -> enqueuer.enqueue(CooperationRoutes.FANOUT_QUEUE,
                line, Map.of(CooperationRoutes.CAUSE, cause, CooperationRoutes.CONVERSATION_ID, conversationId), duplicateId);
        CaseRegistry cases = new CaseRegistry();
        Partners partners = partyId -> pmodes.get().partyById(partyId, "").map(Party::name);
        CooperationHub hub = CooperationHub.open(settings, database, cases, partners, config.partyName(), submission, inbox,
                fanOut, data, Clock.systemUTC(), TranslationSettings.load(config.home()));
        parts.started("the cooperation hub", hub, hub::close);
        MessageRecords messages = new MessageRecords(log, payloads);
        Retention retention = new Retention(database, hub.procedures(), cases, messages, payloadAccess.audit()::append);
        Optional<PublicInterface> publicInterface = Optional.empty();
        if (publicSettings.enabled()) {
            broker.ensureQueue(PublicRoutes.FORWARD_QUEUE);
            // public-recovery queues every unforwarded submission each minute: one the broker still holds
            // under its duplicate id is left there, not dropped again with an AMQ222059 warning.
            ForwardQueue queue = (trackingId, duplicateId) -> !broker.holdsDuplicateId(PublicRoutes.FORWARD_QUEUE, duplicateId)
                    && enqueuer.enqueue(PublicRoutes.FORWARD_QUEUE, trackingId, Map.of(), duplicateId);
            // Jetty's TLS server side, only when the gateway has a TLS server key: the public interface refuses to start without.
            publicInterface = Optional.of(PublicInterface.create(publicSettings, hub, database, messages, submission, queue,
                    config.partyName(), serverTls.key().map(key -> serverTls.jettyServer()), data, publicAdmission));
        }
        return Optional.of(new HubParts(hub, retention, publicInterface, settings.overdueCheck()));
    }

    /** The broker queues of the hub's own routes, for the queue gauges of {@code /metrics}. */
    List<String> queues() {
        List<String> queues = new ArrayList<>(List.of(CooperationRoutes.FANOUT_QUEUE));
        publicInterface.ifPresent(api -> queues.add(PublicRoutes.FORWARD_QUEUE));
        return queues;
    }

    /** The hub's routes, and the public interface's when it is on. */
    List<RouteBuilder> routes() {
        List<RouteBuilder> routes = new ArrayList<>();
        routes.add(new CooperationRoutes(JmsQueues.INSTANCE, hub, retention, Clock.systemUTC(), overdueCheck.toMillis(),
                RETENTION_PERIOD_MILLIS));
        publicInterface.ifPresent(api -> routes.add(api.routes(JmsQueues.INSTANCE, RECOVERY_PERIOD_MILLIS)));
        return routes;
    }
}
