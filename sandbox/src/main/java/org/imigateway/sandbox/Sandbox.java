package org.imigateway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Stream;

import org.imigateway.Gateway;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.conformance.report.HtmlReport;
import org.imigateway.conformance.report.JUnitXmlReport;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.demo.DemoNetwork;

/**
 * The training sandbox: a hub, one access point per robot country and the integrator's access
 * point, all real gateways in this JVM on loopback (each with its Derby, Artemis and Jetty), from
 * one demo PKI. The robots sit behind their countries' access points; the integrator's system
 * talks to its access point through the folder backend {@value #BACKEND} ({@code
 * <dir>/integrator/national/outbox} to send, {@code .../inbox} to receive). A run plays one
 * scenario and judges its steps; the report goes to {@code <dir>/report/}.
 */
final class Sandbox implements AutoCloseable {

    static final String BACKEND = "national";

    static final int OVERDUE_CHECK_SECONDS = 2;

    private final Path dir;
    private final SandboxDirectory directory;
    private final Map<String, Gateway> running = new LinkedHashMap<>();
    private Optional<Partner> partner = Optional.empty();

    private Sandbox(Path dir, SandboxDirectory directory) {
        this.dir = dir;
        this.directory = directory;
    }

    static Sandbox start(Path dir, String integratorCountry) throws Exception {
        return start(dir, integratorCountry, Optional.empty());
    }

    /**
     * Writes the homes on the first run in {@code dir} (an existing sandbox is started again as it
     * is, its keys and ports unchanged) and starts every gateway, the hub last. With a {@code
     * partner}, the hub's PMode partner {@value SandboxDirectory#INTEGRATOR_ACCESS_POINT} is the
     * integrator's own endpoint and the sandbox's access point for the integrator is not started;
     * a partner certificate the sandbox's CA did not issue is refused before anything starts.
     */
    static Sandbox start(Path dir, String integratorCountry, Optional<Partner> partner) throws Exception {
        SandboxDirectory directory = new SandboxDirectory(SandboxDirectory.ROBOT_COUNTRIES, integratorCountry);
        if (!Files.isDirectory(dir.resolve(SandboxDirectory.HUB))) {
            create(dir, directory);
        }
        checkOverdueOften(dir.resolve(SandboxDirectory.HUB));
        Sandbox sandbox = new Sandbox(dir, directory);
        sandbox.partner = partner;
        checkIssuedByTheSandbox(dir, partner);
        PartnerPModes.apply(dir.resolve(SandboxDirectory.HUB), partner);
        try {
            for (String party : directory.parties().stream().filter(p -> !p.equals(SandboxDirectory.HUB)).toList()) {
                if (party.equals(SandboxDirectory.INTEGRATOR_ACCESS_POINT) && partner.isPresent()) {
                    continue;
                }
                sandbox.running.put(party, Gateway.start(dir.resolve(party)));
            }
            sandbox.running.put(SandboxDirectory.HUB, Gateway.start(dir.resolve(SandboxDirectory.HUB)));
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    /**
     * The hub looks for requests past their answer-by date every {@value #OVERDUE_CHECK_SECONDS} s
     * (production: a minute), so a scenario's overdue notice comes within seconds. A sandbox folder
     * written before this setting gets it on its next start; a value set by hand is kept.
     */
    private static void checkOverdueOften(Path hub) throws IOException, ConfigException {
        if (!GatewayConfig.properties(hub).containsKey("overdue.checkSeconds")) {
            Files.writeString(hub.resolve(GatewayConfig.FILE), "\n# the sandbox: overdue notices within seconds (imi-sandbox)\n"
                    + "overdue.checkSeconds=" + OVERDUE_CHECK_SECONDS + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    private static void checkIssuedByTheSandbox(Path dir, Optional<Partner> partner) throws Exception {
        if (partner.isPresent()) {
            Path ca = PkiLayout.caCertificate(dir.resolve("pki"));
            partner.get().checkIssuedBy(Partner.read(ca), ca);
        }
    }

    /**
     * Makes the integrator's own endpoint the running hub's partner, or (empty) the sandbox's
     * access point again: the hub's PMode file is rewritten and reloaded; the next {@link #play}
     * judges what the integrator receives from the hub's message log.
     */
    void usePartner(Optional<Partner> partner) throws Exception {
        checkIssuedByTheSandbox(dir, partner);
        PartnerPModes.apply(dir.resolve(SandboxDirectory.HUB), partner);
        gateway(SandboxDirectory.HUB).reloadPModes();
        this.partner = partner;
    }

    Optional<Partner> partner() {
        return partner;
    }

    private static void create(Path dir, SandboxDirectory directory) throws IOException {
        DemoNetwork plan = DemoNetwork.create(dir, directory.parties(), false);
        Path hub = plan.home(SandboxDirectory.HUB);
        Files.writeString(hub.resolve("config/gateway.properties"), "gateway.role=hub\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.createDirectories(hub.resolve("config/directory"));
        Files.writeString(hub.resolve("config/directory/sandbox.xml"), directory.xml(), StandardCharsets.UTF_8);
        Files.writeString(plan.home(SandboxDirectory.INTEGRATOR_ACCESS_POINT).resolve("config/gateway.properties"),
                String.join("\n", "# the integrator's national system: a folder backend (docs/connectors.md)",
                        "backend." + BACKEND + ".type=folder", "backend." + BACKEND + ".authorities=*",
                        "backend." + BACKEND + ".dir=" + BACKEND, ""),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    SandboxDirectory directory() {
        return directory;
    }

    Gateway gateway(String party) {
        Gateway gateway = running.get(party);
        if (gateway == null) {
            throw new IllegalArgumentException(party + " is not a gateway of the sandbox");
        }
        return gateway;
    }

    /** The integrator's home: its keys in {@code keystores/}, its PModes in {@code config/pmodes/}. */
    Path integratorHome() {
        return dir.resolve(SandboxDirectory.INTEGRATOR_ACCESS_POINT);
    }

    /** The folder backend the integrator's system uses: {@code outbox/} to send, {@code inbox/} to receive. */
    Path integratorBackend() {
        return integratorHome().resolve(BACKEND);
    }

    /** The number the next {@link #play} gets: one more than the runs before in this folder (one {@code work/} folder each). */
    int nextRun() throws IOException {
        Path work = dir.resolve("work");
        if (!Files.isDirectory(work)) {
            return 1;
        }
        try (Stream<Path> runs = Files.list(work)) {
            return (int) runs.filter(Files::isDirectory).count() + 1;
        }
    }

    /**
     * Plays the scenario until every step is judged or its time is up, then writes
     * {@code report/report.html} and {@code report/junit.xml}; returns the steps' results.
     */
    List<CaseResult> play(Scenario scenario, Clock clock) throws IOException, InterruptedException {
        Instant started = clock.instant();
        String runId = Long.toString(started.toEpochMilli(), 36).toUpperCase(java.util.Locale.ROOT);
        int run = nextRun();
        Path work = Files.createDirectories(dir.resolve("work").resolve(runId));
        Judge judge = new Judge(ScenarioSteps.of(scenario, directory, run), started);
        Robots robots = new Robots(scenario, directory, this::gateway, work, runId);
        Inboxes inboxes = new Inboxes();
        Optional<SentToPartner> toPartner = partner.map(p -> new SentToPartner(gateway(SandboxDirectory.HUB), started,
                robots::document, hubDocuments()));
        robots.begin(started);
        Instant end = started.plus(scenario.timeout());
        while (!judge.done()) {
            Instant now = clock.instant();
            if (now.isAfter(end)) {
                judge.timeOut(scenario.timeout(), now, toPartner.map(SentToPartner::stillRetrying).orElse(""));
                break;
            }
            List<Seen> seen = new ArrayList<>(inboxes.read());
            if (toPartner.isPresent()) {
                seen.addAll(toPartner.get().read());
            }
            seen.forEach(s -> robots.react(s, now));
            robots.sendDue(now);
            judge.observe(seen, now);
            Thread.sleep(100);
        }
        List<CaseResult> results = judge.results();
        Path report = Files.createDirectories(dir.resolve("report"));
        String target = "integrator " + directory.integrator() + (partner.isPresent() ? " at its own AS4 endpoint "
                + partner.get().endpoint() : " at access point " + SandboxDirectory.INTEGRATOR_ACCESS_POINT)
                + (robots.failures().isEmpty() ? "" : "; robots could not send: " + robots.failures());
        HtmlReport.write(results, "IMI sandbox scenario report", target, report.resolve("report.html"));
        JUnitXmlReport.write(results, "imi-sandbox", judge::classname, report.resolve("junit.xml"));
        return results;
    }

    /**
     * What the hub delivered since the run started: to the robots (their access points' default
     * inbox) and to the integrator (its folder backend's inbox). Read, never moved: the
     * integrator's system reads the same folders. What was there before the run is left out.
     */
    private final class Inboxes {
        private final Set<Path> before = new HashSet<>();
        private final Map<Path, Seen> read = new HashMap<>();

        Inboxes() throws IOException {
            before.addAll(folders().keySet());
        }

        List<Seen> read() throws IOException {
            List<Seen> all = new ArrayList<>();
            for (Map.Entry<Path, String> folder : folders().entrySet()) {
                if (before.contains(folder.getKey())) {
                    continue;
                }
                Seen seen = read.get(folder.getKey());
                if (seen == null && Files.exists(folder.getKey().resolve(FolderInbox.METADATA))) {
                    seen = Seen.read(folder.getValue(), folder.getKey());
                    read.put(folder.getKey(), seen);
                }
                if (seen != null) {
                    all.add(seen);
                }
            }
            return all;
        }

        /** Every message folder now, with the access point it is at. */
        private Map<Path, String> folders() throws IOException {
            Map<Path, String> all = new LinkedHashMap<>();
            for (String country : directory.robotCountries()) {
                String accessPoint = SandboxDirectory.accessPointOf(country);
                for (Path folder : gateway(accessPoint).inbox().messages()) {
                    all.put(folder, accessPoint);
                }
            }
            Path inbox = integratorBackend().resolve("inbox");
            if (partner.isEmpty() && Files.isDirectory(inbox)) {
                try (Stream<Path> folders = Files.list(inbox)) {
                    folders.filter(Files::isDirectory).sorted().forEach(f -> all.put(f, SandboxDirectory.INTEGRATOR_ACCESS_POINT));
                }
            }
            return all;
        }
    }

    /** Where the hub writes the documents it makes (its refusals among them). */
    private Path hubDocuments() {
        return gateway(SandboxDirectory.HUB).config().dataDir().resolve("cooperation");
    }

    @Override
    public void close() {
        List<Gateway> reversed = new ArrayList<>(running.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(Gateway::close);
        running.clear();
    }
}
