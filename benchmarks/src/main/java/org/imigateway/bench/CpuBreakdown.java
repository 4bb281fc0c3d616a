package org.imigateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of a run went, from the execution samples of a JFR recording. Each sample goes to
 * the category of the innermost frame whose class is in a known package (so {@code HashMap.get}
 * inside Xerces counts as XML, and Xerces inside WSS4J counts as XML too, not WS-Security);
 * socket and file frames go to the next known frame out (Jetty, Artemis, Derby) and count as I/O
 * only when there is none; samples with no known frame at all are "other (JDK)". Our own code counts as "ours" only when it
 * is the innermost known frame, i.e. the time spent in our classes themselves.
 */
final class CpuBreakdown {

    /** Sockets and files: charged to the outer frame's category (Jetty, Artemis, Derby) when there is one. */
    private static final String IO = "I/O (sockets, files)";
    private static final String DRIVER = "benchmark driver (submission loop, completion wait)";

    /** Category and the class-name prefixes that belong to it; checked in this order. */
    private static final List<Map.Entry<String, List<String>>> CATEGORIES = List.of(
            Map.entry("logging", List.of("org.slf4j.", "ch.qos.logback.", "org.apache.logging.", "java.util.logging.",
                    "org.jboss.logging.")),
            Map.entry("JAXB", List.of("org.glassfish.jaxb.", "com.sun.xml.bind.", "jakarta.xml.bind.", "com.sun.istack.")),
            Map.entry("MIME", List.of("jakarta.mail.", "javax.mail.", "org.eclipse.angus.", "com.sun.mail.",
                    "jakarta.activation.", "org.apache.james.mime4j.")),
            Map.entry("compression", List.of("java.util.zip.")),
            Map.entry("XML parse/serialise/C14N", List.of("org.apache.xerces.", "com.sun.org.apache.", "org.apache.xml.",
                    "javax.xml.", "org.w3c.", "org.xml.", "com.ctc.wstx.", "org.codehaus.stax2.", "com.sun.xml.internal.",
                    "jdk.xml.", "org.apache.santuario.", "com.sun.xml.messaging.saaj.", "org.apache.wss4j.common.util.XMLUtils",
                    "org.apache.xml.security.c14n.", "org.apache.xml.security.transforms.")),
            Map.entry("crypto", List.of("sun.security.", "javax.crypto.", "com.sun.crypto.", "org.bouncycastle.",
                    "java.security.", "java.math.BigInteger", "org.apache.xml.security.algorithms.")),
            Map.entry("WS-Security logic (WSS4J, Santuario)", List.of("org.apache.wss4j.", "org.apache.xml.security.")),
            Map.entry("store (Derby/PostgreSQL/JDBC)", List.of("org.apache.derby.", "org.postgresql.", "com.zaxxer.hikari.",
                    "java.sql.", "liquibase.")),
            Map.entry("broker (Artemis)", List.of("org.apache.activemq.", "jakarta.jms.", "javax.jms.", "io.netty.")),
            Map.entry("HTTP (Jetty, JDK client)", List.of("org.eclipse.jetty.", "jdk.internal.net.http.", "java.net.http.",
                    "sun.net.httpserver.", "org.apache.hc.", "org.apache.http.", "com.sun.net.httpserver.")),
            Map.entry(IO, List.of("sun.nio.ch.", "sun.nio.fs.", "java.net.", "sun.net.", "java.io.", "java.nio.")),
            Map.entry("phase4 / ph-commons", List.of("com.helger.")),
            Map.entry("ours (org.imigateway)", List.of("org.imigateway.")),
            Map.entry(DRIVER, List.of("org.imigateway.bench.")));

    /** The driver's loops that wait for completed messages (its workers' submissions are the gateway's work). */
    private static final java.util.Set<String> DRIVER_POLLING = java.util.Set.of("org.imigateway.bench.Load.run",
            "org.imigateway.bench.Completions.await");

    private final Map<String, Long> samples = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> methods = new HashMap<>();
    private long total;
    private int phases;

    /**
     * The samples of a recording taken inside the runs' measured phases ({@link MeasuredPhase}
     * events); all its samples when it has no such event (a recording of something else).
     */
    static CpuBreakdown of(Path recording) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        List<Instant[]> phases = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals(MeasuredPhase.NAME)) {
                phases.add(new Instant[] {event.getStartTime(), event.getEndTime()});
            }
        }
        CpuBreakdown breakdown = new CpuBreakdown();
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null
                    && (phases.isEmpty() || phases.stream().anyMatch(p -> !event.getStartTime().isBefore(p[0])
                            && !event.getStartTime().isAfter(p[1])))) {
                breakdown.add(event.getStackTrace().getFrames());
            }
        }
        breakdown.phases = phases.size();
        return breakdown;
    }

    void add(List<RecordedFrame> frames) {
        String[] found = categoryOf(frames);
        samples.merge(found[0], 1L, Long::sum);
        methods.computeIfAbsent(found[0], c -> new HashMap<>()).merge(found[1], 1L, Long::sum);
        total++;
    }

    /** The category of a stack and the method that decided it (innermost first). */
    static String[] categoryOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (DRIVER_POLLING.contains(name(frame))) {
                // The driver counting completions: store queries the system under test would not make.
                return new String[] {DRIVER, name(frame)};
            }
        }
        String[] fallback = {"other (JDK)", frames.isEmpty() ? "?" : name(frames.get(0))};
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String category = categoryOf(frame.getMethod().getType().getName());
            if (IO.equals(category)) {
                fallback = new String[] {IO, name(frame)};
            } else if (category != null) {
                return new String[] {category, name(frame)};
            }
        }
        return fallback;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "?"
                : frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The category of one class, the longest matching prefix winning; null when none matches. */
    static String categoryOf(String className) {
        String best = null;
        int bestLength = 0;
        for (Map.Entry<String, List<String>> category : CATEGORIES) {
            for (String prefix : category.getValue()) {
                if (className.startsWith(prefix) && prefix.length() > bestLength) {
                    best = category.getKey();
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }

    long total() {
        return total;
    }

    /** Share of the samples per category, largest first. */
    Map<String, Double> shares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        samples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), total == 0 ? 0 : e.getValue() / (double) total));
        return shares;
    }

    /**
     * Prints the shares; with {@code cpuMsPerMessage} (the run's measured CPU per message) also
     * each category's CPU ms per message. JFR samples Java threads only, so GC and JIT threads are
     * spread over the categories pro rata.
     */
    void print(String title, double cpuMsPerMessage, PrintStream out) {
        print(title, cpuMsPerMessage, 0, out);
    }

    /** As {@link #print(String, double, PrintStream)}, with the {@code top} methods that decided each category. */
    void print(String title, double cpuMsPerMessage, int top, PrintStream out) {
        out.printf(Locale.ROOT, "%nCPU breakdown: %s (%d execution samples%s)%n", title, total,
                phases == 0 ? ", whole recording" : " in " + phases + " measured phase(s)");
        out.printf(Locale.ROOT, "%-40s %7s %10s%n", "category", "share", "ms/msg");
        shares().forEach((category, share) -> out.printf(Locale.ROOT, "%-40s %6.1f%% %10s%n", category, share * 100,
                Double.isNaN(cpuMsPerMessage) ? "-" : String.format(Locale.ROOT, "%.1f", share * cpuMsPerMessage)));
        if (top > 0) {
            shares().keySet().forEach(category -> {
                out.printf(Locale.ROOT, "  %s:%n", category);
                methods.get(category).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(top).forEach(m -> out.printf(Locale.ROOT, "    %6.1f%%  %s%n", 100.0 * m.getValue() / total,
                                m.getKey()));
            });
        }
    }
}
