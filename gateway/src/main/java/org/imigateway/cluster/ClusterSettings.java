package org.imigateway.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.imigateway.broker.ExternalBrokerSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.store.DatabaseSettings;

/**
 * Whether this gateway is one node of several, from {@code cluster.*} in {@code gateway.properties}:
 * {@code cluster.enabled=true} with a {@code cluster.nodeId} of its own and the {@code cluster.sharedDir}
 * every node reaches. A node needs what every node shares: PostgreSQL ({@code database.url}; embedded
 * Derby admits one process) and an external broker ({@code broker.url}). Without clustering the node
 * is alone: its shared folder is its own data folder and it holds the timers.
 *
 * @param nodeId    this node's name, unique among the nodes of the database; empty when not clustered
 * @param sharedDir where payloads, prepared messages and other files every node reads live
 */
public record ClusterSettings(boolean enabled, String nodeId, Path sharedDir) {

    public static final String ENABLED = "cluster.enabled";
    public static final String NODE_ID = "cluster.nodeId";
    public static final String SHARED_DIR = "cluster.sharedDir";

    /** Short enough for a log line and the table's column; no characters a path or a metric tag would mangle. */
    private static final Pattern NODE_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A gateway on its own. */
    public static ClusterSettings single(Path dataDir) {
        return new ClusterSettings(false, "", dataDir);
    }

    public static ClusterSettings load(GatewayConfig config) throws ConfigException {
        return load(config.home(), GatewayConfig.properties(config.home()), config.dataDir());
    }

    static ClusterSettings load(Path home, Properties p, Path dataDir) throws ConfigException {
        Path file = home.resolve(GatewayConfig.FILE);
        List<String> problems = new ArrayList<>();
        String enabled = p.getProperty(ENABLED, "false").trim();
        Optional<String> nodeId = value(p, NODE_ID);
        Optional<String> shared = value(p, SHARED_DIR);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new ConfigException(file + ": " + ENABLED + "=" + enabled + " must be true or false");
        }
        if (enabled.equals("false")) {
            // A half-set node would believe it shares what it does not: refuse rather than guess.
            for (String key : List.of(NODE_ID, SHARED_DIR)) {
                if (value(p, key).isPresent()) {
                    problems.add(file + ": " + key + " is set but " + ENABLED + " is not true; set " + ENABLED
                            + "=true to run this gateway as a node of a cluster, or remove the line");
                }
            }
            throwIfAny(problems);
            return single(dataDir);
        }
        if (value(p, DatabaseSettings.URL).isEmpty()) {
            problems.add(file + ": " + ENABLED + "=true needs " + DatabaseSettings.URL
                    + "=jdbc:postgresql://...: the embedded Derby database admits one process, the nodes share PostgreSQL");
        }
        if (value(p, ExternalBrokerSettings.URL).isEmpty()) {
            problems.add(file + ": " + ENABLED + "=true needs " + ExternalBrokerSettings.URL
                    + ": the embedded broker is inside one node, the nodes share an external Artemis");
        }
        if (nodeId.isEmpty()) {
            problems.add(file + ": " + NODE_ID + " is required with " + ENABLED + "=true (a name of its own for each"
                    + " node, e.g. node-1)");
        } else if (!NODE_ID_FORM.matcher(nodeId.get()).matches()) {
            problems.add(file + ": " + NODE_ID + "=" + nodeId.get() + " is not a node id: 1 to 64 letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit");
        }
        Path sharedDir = dataDir;
        if (shared.isEmpty()) {
            problems.add(file + ": " + SHARED_DIR + " is required with " + ENABLED + "=true: the folder every node"
                    + " reaches (payloads and prepared messages live there)");
        } else {
            sharedDir = home.resolve(shared.get()).normalize();
            // Never created here: a missing mount would otherwise become a local folder no other node sees.
            if (!Files.isDirectory(sharedDir)) {
                problems.add(file + ": " + SHARED_DIR + "=" + shared.get() + ": " + sharedDir
                        + " is not a folder; mount the shared file system there first");
            } else if (!Files.isWritable(sharedDir)) {
                problems.add(file + ": " + SHARED_DIR + "=" + shared.get() + ": " + sharedDir + " is not writable");
            }
        }
        throwIfAny(problems);
        return new ClusterSettings(true, nodeId.get(), sharedDir);
    }

    private static Optional<String> value(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static void throwIfAny(List<String> problems) throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }
}
