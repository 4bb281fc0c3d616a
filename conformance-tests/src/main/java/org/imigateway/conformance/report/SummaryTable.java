package org.imigateway.conformance.report;

import java.io.PrintStream;
import java.util.List;

import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;

/** The table printed at the end of a run: one row per case, then the totals. */
public final class SummaryTable {

    private static final int REASON_WIDTH = 90;

    private SummaryTable() {
    }

    public static void print(List<CaseResult> results, PrintStream out) {
        int idWidth = Math.max(4, results.stream().mapToInt(r -> r.testCase().id().length()).max().orElse(4));
        String format = "%-" + idWidth + "s  %-6s  %-4s  %s%n";
        out.printf(format, "case", "scope", "", "result");
        out.println("-".repeat(idWidth + 16 + REASON_WIDTH));
        for (CaseResult r : results) {
            String scope = r.testCase().scope().name().equals("CORE") ? "core" : "IMI";
            out.printf(format, r.testCase().id(), scope, r.verdict().status(), shorten(r.verdict().message()));
        }
        out.println("-".repeat(idWidth + 16 + REASON_WIDTH));
        out.printf("%d cases: %d passed, %d failed, %d skipped%s%n", results.size(), count(results, Verdict.Status.PASS),
                count(results, Verdict.Status.FAIL), count(results, Verdict.Status.SKIP), suiteErrors(results));
    }

    /** Shown only when the suite could not run a case, so the usual line stays as it was. */
    static String suiteErrors(List<CaseResult> results) {
        long errors = count(results, Verdict.Status.ERROR);
        return errors == 0 ? "" : ", " + errors + " not run (suite error)";
    }

    static long count(List<CaseResult> results, Verdict.Status status) {
        return results.stream().filter(r -> r.verdict().status() == status).count();
    }

    private static String shorten(String text) {
        return oneLine(text, REASON_WIDTH);
    }

    /** The reason on one line of at most {@code width} characters. */
    static String oneLine(String text, int width) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= width ? line : line.substring(0, width - 3) + "...";
    }
}
