package org.imigateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.imigateway.testsupport.GatewayHome;
import org.imigateway.testsupport.PostgresServer;

import picocli.CommandLine;

/**
 * The message log of the benchmark's own gateways ({@code --database}): embedded Derby in each
 * home, the default, or PostgreSQL, the production store, with a database of its own per gateway
 * on one server on loopback that this JVM starts from Debian's binaries in {@code target/} (as
 * the tests do) and stops when it exits. The phase4 baselines keep no database either way.
 */
enum BenchDatabase {
    DERBY, POSTGRESQL;

    /** {@code --database}, the same option on {@code run}, {@code large} and {@code fanout}. */
    static final class Choice {
        @CommandLine.Option(names = "--database", defaultValue = "derby", converter = Converter.class,
                description = "Where our gateways keep their message logs: derby (embedded, the default) or postgresql"
                        + " (a server on loopback this run starts from Debian's binaries).")
        private BenchDatabase database;

        BenchDatabase database() {
            return database;
        }
    }

    /** The option's value, or an error naming it and the values there are (picocli puts the option's name first). */
    static final class Converter implements CommandLine.ITypeConverter<BenchDatabase> {
        @Override
        public BenchDatabase convert(String value) {
            return Arrays.stream(values()).filter(d -> d.option().equals(value.trim().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(values()).map(BenchDatabase::option).collect(Collectors.joining(", "))));
        }
    }

    String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Points a gateway home at a new, empty database of this kind, with at most {@code poolSize}
     * connections; Derby, the default, needs no key.
     */
    void configure(Path home, int poolSize) throws IOException {
        if (this == DERBY) {
            return;
        }
        PostgresServer.Login login = PostgresServer.get().newDatabase();
        GatewayHome.at(home).appendProperties("database.url=" + login.url(), "database.user=" + login.user(),
                "database.password=" + login.password(), "database.poolSize=" + poolSize);
    }

    /**
     * CPU seconds the database has used outside this JVM so far: PostgreSQL's server processes;
     * none for the embedded Derby, whose work is this JVM's own and counted with it.
     */
    double cpuSecondsOutsideThisJvm() {
        return this == DERBY ? 0 : PostgresServer.get().cpuSeconds();
    }

    /** What the reports say the gateways stored in. */
    String describe() {
        return this == DERBY ? "Derby (embedded, in each home)"
                : "PostgreSQL " + PostgresServer.get().version() + " (one server on loopback, a database per gateway)";
    }
}
