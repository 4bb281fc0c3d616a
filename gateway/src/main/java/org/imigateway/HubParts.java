package org.imigateway;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
import org.imigateway.cooperation.publicapi.PublicInterface;
import org.imigateway.cooperation.publicapi.PublicSettings;
import org.imigateway.cooperation.translation.TranslationSettings;
import org.imigateway.pmode.ActivePModes;
import org.imigateway.broker.Broker;
import org.imigateway.route.Enqueuer;
import org.imigateway.route.FolderInbox;
import org.imigateway.route.OutboundSubmission;
import org.imigateway.store.Database;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;

/**
 * The IMI hub on top of an access point ({@code gateway.role=hub}): the cooperation step that
 * takes the default deliveries, its timers, and the public interface when
 * {@code public.enabled=true}. It reaches the access point through what it is handed here: the
 * submission port, the store, the default inbox for what is not IMI business.
 */
record HubParts(CooperationHub hub, Retention retention, PublicSettings publicSettings) {

    static final long RECOVERY_PERIOD_MILLIS = 60_000;
    /** Retention counts in months: an hourly run is punctual enough. */
    static final long RETENTION_PERIOD_MILLIS = 3_600_000;

    /** The hub of this home, or none when this gateway is a national access point. */
    static Optional<HubParts> open(GatewayConfig config, Lifecycle parts, Database database, ActivePModes pmodes,
            MessageLog log, PayloadStore payloads, PayloadAccess payloadAccess, OutboundSubmission submission,
            FolderInbox inbox, Broker broker, Enqueuer enqueuer, Path data) throws ConfigException, IOException {
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
        CooperationHub hub = CooperationHub.open(settings, database, pmodes, config.partyName(), submission, inbox, fanOut,
                data, Clock.systemUTC(), TranslationSettings.load(config.home()));
        parts.started("the cooperation hub", hub, hub::close);
        Retention retention = new Retention(database, hub.procedures(), log, payloads, payloadAccess.audit());
        return Optional.of(new HubParts(hub, retention, publicSettings));
    }

    RouteBuilder routes() {
        return new CooperationRoutes(hub, retention, Clock.systemUTC(), RECOVERY_PERIOD_MILLIS, RETENTION_PERIOD_MILLIS);
    }

    /** The public interface when {@code public.enabled=true}; made once the routes run, it listens with the gateway. */
    Optional<PublicInterface> publicInterface(GatewayConfig config, Database database, MessageLog log,
            OutboundSubmission submission, TlsSettings serverTls, AdmissionSettings admission, Path data)
            throws ConfigException, IOException {
        if (!publicSettings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(PublicInterface.create(publicSettings, hub, database, log, submission, config.partyName(),
                serverTls, data, RECOVERY_PERIOD_MILLIS, admission));
    }
}
