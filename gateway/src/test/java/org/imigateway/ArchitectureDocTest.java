package org.imigateway;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/ARCHITECTURE.md true to the code: every route id its route table names is a route
 * of a running gateway, and every route of a running gateway is named there. Two gateways hold
 * every route between them: a national access point with a backend connector configured
 * ({@code deliver-<backend>}, {@code notify-outcomes}) and a hub with the public interface on
 * ({@code overdue}, {@code retention}, {@code public-forward}, {@code public-recovery}).
 */
class ArchitectureDocTest {

    static final Path DOC = Path.of("..", "docs", "ARCHITECTURE.md");
    private static final String ROUTE_ID_COLUMN = "route id";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** A placeholder in a route id: {@code deliver-<backend>} stands for one route per configured backend. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z-]+>");

    @Test
    void everyRouteIdInTheArchitectureDocRunsAndEveryRunningRouteIsInTheDoc(@TempDir Path dir) throws Exception {
        Set<String> documented = documentedRouteIds(Files.readString(DOC, StandardCharsets.UTF_8));
        assertTrue(documented.size() >= 5, DOC + ": its table with a '" + ROUTE_ID_COLUMN
                + "' column names only " + documented);

        Set<String> running = new TreeSet<>();
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "hub", "ap")) {
            Path hubHome = network.plan().home("hub");
            Files.writeString(hubHome.resolve("config/gateway.properties"), String.join("\n", "",
                    "gateway.role=hub",
                    "public.enabled=true",
                    "public.port=0",
                    "public.clients=portal",
                    "public.client.portal.apiKeySha256=" + HexFormat.of().formatHex(new byte[32]), ""),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(network.plan().home("ap").resolve("config/gateway.properties"), String.join("\n", "",
                    "backend.cases.type=folder",
                    "backend.cases.authorities=*", ""),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            for (String party : List.of("hub", "ap")) {
                Gateway gateway = network.start(party);
                partsOf(gateway).camel().getRoutes().stream().map(Route::getRouteId).forEach(running::add);
            }
            assertTrue(network.gateway("hub").publicInterface().isPresent(), "the hub runs its public interface");
        }

        assertEquals(List.of(), compare(documented, running),
                "docs/ARCHITECTURE.md names " + documented + "; the running gateways have " + running);
    }

    @Test
    void aRouteMissingFromTheDocOrOnlyInTheDocIsReported() {
        Set<String> documented = documentedRouteIds("""
                | route id | from |
                |---|---|
                | `dispatch` | imi.inbound |
                | `deliver-<backend>` | imi.delivery.<backend> |
                | `gone` | nowhere |
                """);

        assertEquals(Set.of("dispatch", "deliver-<backend>", "gone"), documented);
        assertEquals(List.of("named in the doc, not running: gone", "running, not named in the doc: send"),
                compare(documented, new TreeSet<>(Set.of("dispatch", "deliver-default", "deliver-cases", "send"))));
        assertEquals(List.of("named in the doc, no running route fits: deliver-<backend>"),
                compare(Set.of("dispatch", "deliver-<backend>"), Set.of("dispatch")));
    }

    @Test
    void theRouteTableIsFoundOnlyUnderItsHeading() {
        assertTrue(documentedRouteIds("| step | what |\n|---|---|\n| `send` | posts |\n").isEmpty());
        assertFalse(documentedRouteIds("| queue | Route ID |\n|---|---|\n| imi.outbound | `send` |\n").isEmpty());
    }

    /** The ids in backticks in the "route id" column of every table of the doc that has one. */
    static Set<String> documentedRouteIds(String markdown) {
        Set<String> ids = new LinkedHashSet<>();
        int column = -1;
        for (String line : markdown.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("|")) {
                column = -1;
                continue;
            }
            List<String> cells = cells(trimmed);
            if (column < 0) {
                column = indexOf(cells, ROUTE_ID_COLUMN);
                continue;
            }
            if (column < cells.size() && !cells.get(column).matches("[-: ]+")) {
                Matcher code = CODE.matcher(cells.get(column));
                while (code.find()) {
                    ids.add(code.group(1).trim());
                }
            }
        }
        return ids;
    }

    /** What does not match, one line each; empty when the doc and the running routes agree. */
    static List<String> compare(Set<String> documented, Set<String> running) {
        List<String> problems = new ArrayList<>();
        for (String id : documented) {
            if (isPattern(id)) {
                if (running.stream().noneMatch(r -> matches(id, r))) {
                    problems.add("named in the doc, no running route fits: " + id);
                }
            } else if (!running.contains(id)) {
                problems.add("named in the doc, not running: " + id);
            }
        }
        for (String id : running) {
            if (!documented.contains(id) && documented.stream().filter(ArchitectureDocTest::isPattern)
                    .noneMatch(pattern -> matches(pattern, id))) {
                problems.add("running, not named in the doc: " + id);
            }
        }
        return problems;
    }

    private static boolean isPattern(String id) {
        return PLACEHOLDER.matcher(id).find();
    }

    private static boolean matches(String pattern, String id) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(pattern.substring(at, placeholder.start()))).append("[A-Za-z0-9._-]+");
            at = placeholder.end();
        }
        regex.append(Pattern.quote(pattern.substring(at)));
        return id.matches(regex.toString());
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).replace("*", "").trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
