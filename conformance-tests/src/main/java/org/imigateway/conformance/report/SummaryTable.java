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
        out.printf("%d cases: %d passed, %d failed, %d skipped%n", results.size(), count(results, Verdict.Status.PASS),
                count(results, Verdict.Status.FAIL), count(results, Verdict.Status.SKIP));
    }

    static long count(List<CaseResult> results, Verdict.Status status) {
        return results.stream().filter(r -> r.verdict().status() == status).count();
    }

    private static String shorten(String text) {
        return text.length() <= REASON_WIDTH ? text : text.substring(0, REASON_WIDTH - 3) + "...";
    }
}
