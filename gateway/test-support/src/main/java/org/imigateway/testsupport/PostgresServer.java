package org.imigateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server for the tests of this JVM, from the Debian package's binaries
 * ({@code apt-get install postgresql}), in a private data folder under {@code target/}, on a free
 * loopback port; started on first use and stopped when the JVM exits. PostgreSQL refuses to run
 * as root, so when the tests run as root (as CI does) the binaries run as the {@code postgres}
 * user the package creates, through {@code runuser}. Each test gets a database of its own. The
 * benchmarks start one the same way for their {@code --database postgresql} runs.
 */
public final class PostgresServer {

    /** The role the gateway logs in as; it owns every test database. */
    public static final String USER = "gateway";

    /** A database of this server and the gateway role's login to it. */
    public record Login(String url, String user, String password) {
    }

    private static PostgresServer running;

    private final Path bin;
    private final Path folder;
    private final List<String> asOwner;
    private final int port;
    private final String adminPassword = UUID.randomUUID().toString();
    private final String password = UUID.randomUUID().toString();
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path folder, List<String> asOwner, int port) {
        this.bin = bin;
        this.folder = folder;
        this.asOwner = asOwner;
        this.port = port;
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized PostgresServer get() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException | InterruptedException | SQLException e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
            }
            PostgresServer server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgresql-stop"));
        }
        return running;
    }

    private static PostgresServer start() throws IOException, InterruptedException, SQLException {
        Path bin = binaries();
        Path target = Path.of("target").toAbsolutePath();
        removeLeftovers(target);
        Path folder = target.resolve("postgresql-" + ProcessHandle.current().pid());
        Folders.deleteTree(folder);
        Files.createDirectories(folder);
        List<String> asOwner = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            Path runuser = Path.of("/usr/sbin/runuser");
            if (!Files.isExecutable(runuser)) {
                throw new IOException("the tests run as root, which PostgreSQL refuses, and " + runuser
                        + " is missing to run it as the postgres user");
            }
            asOwner.addAll(List.of(runuser.toString(), "-u", "postgres", "--"));
        }
        PostgresServer server = new PostgresServer(bin, folder, asOwner, FreePort.onLoopback());
        server.initAndStart();
        return server;
    }

    private void initAndStart() throws IOException, InterruptedException, SQLException {
        Path passwordFile = Files.writeString(folder.resolve("admin-password"), adminPassword, StandardCharsets.UTF_8);
        if (!asOwner.isEmpty()) {
            run(List.of("chown", "-R", "postgres", folder.toString()));
        }
        run(command("initdb", "-D", folder.resolve("data").toString(), "-U", "admin", "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--no-locale"));
        // Loopback TCP only, no Unix socket: nothing outside this machine, and no socket path to clash.
        run(command("pg_ctl", "-D", folder.resolve("data").toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -c unix_socket_directories='' -c max_connections=300",
                "start"));
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
        }
    }

    /** A new, empty database owned by the gateway's role. */
    public Login newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new Login(url(name), USER, password);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The server's version as it reports it, e.g. {@code 15.14 (Debian 15.14-0+deb12u1)}. */
    public String version() {
        try (Connection admin = admin(); Statement statement = admin.createStatement();
                java.sql.ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL for its version: " + e.getMessage(), e);
        }
    }

    /**
     * CPU seconds the server has used so far: the postmaster, its children now running (the
     * connections' backends, the WAL writer, the checkpointer...) and those that ended, which the
     * kernel adds to the postmaster's once it reaps them. From {@code /proc}, so Linux only; the
     * kernel counts in its USER_HZ ticks, 100 a second on every Linux the JDK runs on.
     */
    public double cpuSeconds() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(folder.resolve("data/postmaster.pid")).get(0).trim());
            long ticks = ticks(postmaster, true);
            for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
                ticks += ticks(child.pid(), false);
            }
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of PostgreSQL in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** utime + stime of a process from /proc/<pid>/stat, with cutime + cstime (its reaped children) if asked; 0 once gone. */
    private static long ticks(long pid, boolean withReapedChildren) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException e) {
            return 0; // a backend that ended after it was listed: its time went to the postmaster's cutime
        }
        // after "pid (comm) ": state is field 3 of proc(5); utime, stime, cutime, cstime are 14 to 17
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(url("postgres"), "admin", adminPassword);
    }

    private void stop() {
        try {
            // The folder stays until the next run removes it: deleting thousands of files here would
            // hold up the JVM's exit.
            run(command("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "fast", "-w", "-t", "30", "stop"));
        } catch (IOException | InterruptedException e) {
            System.err.println("PostgreSQL of the tests in " + folder + " did not stop: " + e.getMessage());
        }
    }

    private List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>(asOwner);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("postgresql", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 90 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output) + serverLog());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() throws IOException {
        Path log = folder.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    }

    /** Debian puts each major version in /usr/lib/postgresql/<version>/bin; PG_BIN names another folder. */
    private static Path binaries() throws IOException {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparing(v -> versionOf(v.getFileName().toString()))).orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IOException("no PostgreSQL binaries under " + root + ": install them (apt-get install postgresql)"
                + " or set PG_BIN to the folder holding initdb and pg_ctl");
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }


    /** Folders of earlier runs whose JVM is gone (a server still running in one is left alone). */
    private static void removeLeftovers(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> folders = Files.list(target)) {
            for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith("postgresql-")).toList()) {
                long pid = versionOf(folder.getFileName().toString().substring("postgresql-".length()));
                if (ProcessHandle.of(pid).isEmpty() && !Files.exists(folder.resolve("data/postmaster.pid"))) {
                    Folders.deleteTree(folder);
                }
            }
        }
    }
}
