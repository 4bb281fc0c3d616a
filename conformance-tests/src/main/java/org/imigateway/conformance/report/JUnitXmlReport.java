package org.imigateway.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** JUnit XML (the Ant/Surefire format CI servers read): one testcase per case, failures and skips with their reason. */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    /** The suite's report: each case's classname is {@code imi-conformance.send} or {@code imi-conformance.listen}, by its role. */
    public static Path write(List<CaseResult> results, String suiteName, Path file) throws IOException {
        return write(results, suiteName, r -> "imi-conformance." + r.testCase().role().name().toLowerCase(Locale.ROOT), file);
    }

    /**
     * The same with the classnames another tool gives its cases (a CI server groups test cases by
     * classname): the sandbox names each step after its scenario case.
     */
    public static Path write(List<CaseResult> results, String suiteName, Function<CaseResult, String> classname, Path file)
            throws IOException {
        Document doc = Xml.newDocument();
        Element suite = doc.createElement("testsuite");
        doc.appendChild(suite);
        suite.setAttribute("name", suiteName);
        suite.setAttribute("tests", String.valueOf(results.size()));
        suite.setAttribute("failures", String.valueOf(SummaryTable.count(results, Verdict.Status.FAIL)));
        suite.setAttribute("skipped", String.valueOf(SummaryTable.count(results, Verdict.Status.SKIP)));
        suite.setAttribute("errors", String.valueOf(SummaryTable.count(results, Verdict.Status.ERROR)));
        suite.setAttribute("time", seconds(results.stream().mapToLong(r -> r.took().toMillis()).sum()));
        for (CaseResult r : results) {
            Element testcase = doc.createElement("testcase");
            testcase.setAttribute("classname", classname.apply(r));
            testcase.setAttribute("name", r.testCase().id());
            testcase.setAttribute("time", seconds(r.took().toMillis()));
            if (r.verdict().status() == Verdict.Status.FAIL) {
                Element failure = doc.createElement("failure");
                failure.setAttribute("message", r.verdict().message());
                failure.setTextContent(r.testCase().assertion() + "\n" + r.verdict().message());
                testcase.appendChild(failure);
            } else if (r.verdict().status() == Verdict.Status.ERROR) {
                Element error = doc.createElement("error");
                error.setAttribute("message", r.verdict().message());
                error.setTextContent("the suite could not run this case; it says nothing about the target\n"
                        + r.verdict().message());
                testcase.appendChild(error);
            } else if (r.verdict().status() == Verdict.Status.SKIP) {
                Element skipped = doc.createElement("skipped");
                skipped.setAttribute("message", r.verdict().message());
                testcase.appendChild(skipped);
            } else {
                Element out = doc.createElement("system-out");
                out.setTextContent(r.verdict().message());
                testcase.appendChild(out);
            }
            suite.appendChild(testcase);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, Xml.toBytes(doc));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
