package org.imigateway.conformance.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.conformance.cases.Case;
import org.imigateway.conformance.listen.Listener;
import org.imigateway.conformance.wire.Inspector;

/**
 * Runs cases one after the other, printing a progress line for each. A case whose needs the
 * settings do not meet is skipped with the option that would let it run; a probe that throws
 * is an ERROR of the suite (it could not run the case), never a FAIL of the target, and the run
 * goes on.
 */
public final class SuiteRunner {

    private final Settings settings;
    private final PrintStream progress;
    private Listener listener;

    public SuiteRunner(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public List<CaseResult> run(List<Case> cases) {
        List<CaseResult> results = new ArrayList<>();
        int width = String.valueOf(cases.size()).length();
        try {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                progress.printf("[%" + width + "d/%d] %-34s ", i + 1, cases.size(), c.id());
                progress.flush();
                CaseResult result = runOne(c);
                progress.printf("%s (%d ms) %s%n", result.verdict().status(), result.took().toMillis(),
                        result.verdict().message());
                results.add(result);
            }
        } finally {
            if (listener != null) {
                listener.close();
            }
        }
        return results;
    }

    /** Started by the first listen case, so a send-only run opens no port. */
    private Listener listener() {
        if (listener == null) {
            try {
                listener = new Listener(settings.listenHost(), settings.listenPort(), new Inspector(
                        settings.ourEncryption().orElseThrow(), settings.targetSigning(), settings.trustAnchors()),
                        settings.ourSigning());
            } catch (IOException e) {
                throw new UncheckedIOException("the suite cannot listen on " + settings.listenHost() + ":"
                        + settings.listenPort() + ": " + e.getMessage(), e);
            }
            progress.printf("%n    (listening for the target's messages at http://%s:%d/)%n    ", settings.listenHost(),
                    listener.port());
        }
        return listener;
    }

    private CaseResult runOne(Case c) {
        Optional<String> missing = c.needs().stream().map(n -> n.missingIn(settings)).flatMap(Optional::stream)
                .findFirst();
        if (missing.isPresent()) {
            return new CaseResult(c, Verdict.skip(missing.get()), Duration.ZERO, List.of());
        }
        Session session = new Session(settings, c.id(), this::listener);
        long start = System.nanoTime();
        Verdict verdict;
        try {
            verdict = c.probe().run(session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = Verdict.error("interrupted");
        } catch (Exception | AssertionError e) {
            verdict = Verdict.error("the suite could not run the case: " + e);
        }
        return new CaseResult(c, verdict, Duration.ofNanos(System.nanoTime() - start), session.transcripts());
    }

    /** Exit status of a run exiting after an ERROR (and no FAIL): the suite could not run some case. */
    public static final int SUITE_ERROR = 3;

    /** Exit status of a run: 1 when a case failed, else 3 when the suite could not run one, else 0 (skips do not count). */
    public static int exitCode(List<CaseResult> results) {
        if (results.stream().anyMatch(r -> r.verdict().status() == Verdict.Status.FAIL)) {
            return 1;
        }
        return results.stream().anyMatch(r -> r.verdict().status() == Verdict.Status.ERROR) ? SUITE_ERROR : 0;
    }

}
