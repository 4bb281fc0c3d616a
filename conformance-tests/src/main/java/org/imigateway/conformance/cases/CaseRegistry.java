package org.imigateway.conformance.cases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every case of the suite by id, and the selection a run asks for. */
public final class CaseRegistry {

    private CaseRegistry() {
    }

    public static List<Case> all() {
        List<Case> all = new ArrayList<>(SendCases.all());
        all.addAll(As4TwoCases.all());
        all.addAll(CooperationCases.all());
        all.addAll(ListenCases.all());
        return List.copyOf(all);
    }

    /**
     * Resolves a selection: {@code all}, {@code send}, {@code listen}, {@code core}, {@code cooperation}, or case ids,
     * comma-separated and combinable. An unknown name is refused with the names that exist.
     */
    public static List<Case> select(List<String> names) {
        return select(names, true);
    }

    /**
     * As {@link #select(List)}; without {@code hub}, {@code all} and {@code send} leave out the
     * cooperation cases, which only an IMI Gateway hub can pass (named or {@code cooperation}, they run).
     */
    public static List<Case> select(List<String> names, boolean hub) {
        Set<String> hubOnly = new HashSet<>();
        CooperationCases.all().forEach(c -> hubOnly.add(c.id()));
        Map<String, Case> byId = new LinkedHashMap<>();
        all().forEach(c -> byId.put(c.id(), c));
        Map<String, Case> chosen = new LinkedHashMap<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            List<Case> matched = switch (name) {
                case "all" -> all().stream().filter(c -> hub || !hubOnly.contains(c.id())).toList();
                case "send" -> all().stream().filter(c -> c.role() == Role.SEND && (hub || !hubOnly.contains(c.id()))).toList();
                case "listen" -> all().stream().filter(c -> c.role() == Role.LISTEN).toList();
                case "core" -> all().stream().filter(c -> c.scope() == Scope.CORE).toList();
                case "cooperation" -> CooperationCases.all();
                default -> {
                    Case c = byId.get(name);
                    if (c == null) {
                        throw new IllegalArgumentException("--cases: no case named '" + raw + "'; use all, send, listen,"
                                + " core, cooperation or one of " + String.join(", ", byId.keySet()));
                    }
                    yield List.of(c);
                }
            };
            matched.forEach(c -> chosen.put(c.id(), c));
        }
        return List.copyOf(chosen.values());
    }
}
