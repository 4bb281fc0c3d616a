package org.imigateway.connectors;

import static org.imigateway.GatewayParts.partsOf;

import static org.imigateway.connectors.BackendClients.awaitFile;
import static org.imigateway.connectors.BackendClients.drop;
import static org.imigateway.connectors.BackendClients.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import jakarta.jms.MapMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.broker.BrokerSettings;
import org.imigateway.broker.EmbeddedBroker;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.jms.JmsQueues;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JMS backend on a broker of its own, reached over TCP by URL, and a folder submission dropped
 * while its gateway was down: sent once the gateway starts, delivered byte-identical.
 */
class ExternalBrokerAndRestartTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestNetwork network;
    static EmbeddedBroker external;
    static ActiveMQConnectionFactory client;
    static final JmsQueues QUEUES = JmsQueues.withPrefix("imi.backend.bext");

    @BeforeAll
    static void start() throws Exception {
        int port = FreePort.onLoopback();
        external = EmbeddedBroker.start(BrokerSettings.of("backend-broker", dir.resolve("broker")).withTcpPort(port));
        QUEUES.all().forEach(external::ensureQueue);
        client = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        ConnectorExchangeTest.configure(network, "gw-a", """
                backend.afolder.type=folder
                backend.afolder.authorities=urn:authority:a-folder
                backend.afolder.pollMillis=100
                """);
        ConnectorExchangeTest.configure(network, "gw-b", """
                backend.bext.type=jms
                backend.bext.authorities=*
                backend.bext.brokerUrl=tcp://127.0.0.1:%d
                """.formatted(port));
        network.start("gw-b");
    }

    @AfterAll
    static void stop() {
        network.close();
        client.close();
        external.close();
        network = null;
        external = null;
        client = null;
    }

    @Test
    void aFolderDropMadeWhileTheGatewayWasDownIsSentAtStartAndReachesTheExternalBroker() throws Exception {
        byte[] scan = new byte[120_000];
        new Random(11).nextBytes(scan);
        Path root = network.plan().home("gw-a").resolve("data/backends/afolder");
        drop(Files.createDirectories(root.resolve("outbox")), "early", metadata("gw-b", DemoNetwork.ACTION,
                "urn:authority:anyone", "scan.bin"), Map.of("scan.bin", scan));

        Gateway gwA = network.start("gw-a");
        awaitFile(root.resolve("sent/early"), WAIT);
        String messageId = ConnectorExchangeTest.messageIdOf(partsOf(gwA).backends().port("afolder").orElseThrow(), "early");
        MapMessage delivered = BackendClients.receive(client, QUEUES.out(), "messageId = '" + messageId + "'", WAIT);
        assertArrayEquals(scan, delivered.getBytes("payload.1"));

        BackendClients.send(client, QUEUES.in(), m -> {
            m.setString("submissionId", "ext-1");
            m.setString("toParty", "gw-a");
            m.setString("service", DemoNetwork.SERVICE);
            m.setString("serviceType", DemoNetwork.SERVICE_TYPE);
            m.setString("action", DemoNetwork.ACTION);
            m.setString("property.1.name", "finalRecipient");
            m.setString("property.1.value", "urn:authority:a-folder");
            m.setBytes("payload.1", scan);
            m.setString("payload.1.mimeType", "application/octet-stream");
        });
        MapMessage accepted = BackendClients.receive(client, QUEUES.reply(), "submissionId = 'ext-1'", WAIT);
        assertEquals("ACCEPTED", accepted.getString("status"));
        Path inbox = root.resolve("inbox").resolve(FolderInbox.folderName(accepted.getString("messageId")));
        assertArrayEquals(scan, Files.readAllBytes(awaitFile(inbox.resolve("payload-1"), WAIT)));
    }
}
