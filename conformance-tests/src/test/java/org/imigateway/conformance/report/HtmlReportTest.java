package org.imigateway.conformance.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.imigateway.conformance.cases.CaseRegistry;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Transcript;
import org.imigateway.conformance.run.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report people read: reasons in the summary, XML indented and highlighted, anchors that open a case. */
class HtmlReportTest {

    @TempDir
    Path work;

    @Test
    void theSummaryGivesTheReasonAndTheExchangesAreIndentedAndHighlighted() throws Exception {
        String error = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Header>"
                + "<eb:Messaging xmlns:eb=\"urn:eb\"><eb:Error errorCode=\"EBMS:0303\"/></eb:Messaging></env:Header>"
                + "<env:Body/></env:Envelope>";
        Transcript exchange = new Transcript("message", Map.of("Content-Type", "multipart/related"), error,
                List.of("<payload-1> application/gzip (payload application/xml), 42 bytes, SHA-256 abc= (as sent)"),
                "HTTP 200", Map.of(), error, "EBMS:0303");
        CaseResult failed = new CaseResult(CaseRegistry.select(List.of("damaged-gzip")).get(0),
                Verdict.fail("expected EBMS:0303 because the gzip stream is damaged,\n but got a receipt"),
                Duration.ofMillis(5), List.of(exchange));
        CaseResult suiteError = new CaseResult(CaseRegistry.select(List.of("one-way-push")).get(0),
                Verdict.error("the suite could not run the case: no key"), Duration.ZERO, List.of());

        String html = Files.readString(HtmlReport.write(List.of(failed, suiteError), "http://target/as4",
                work.resolve("report.html")));

        assertTrue(html.contains("<th>reason</th>"), html);
        assertTrue(html.contains("expected EBMS:0303 because the gzip stream is damaged, but got a receipt</td>"),
                "the reason on one line beside the verdict");
        assertTrue(html.contains("class=\"ERROR\">ERROR"), "a suite error is not shown as a failure");
        assertTrue(html.contains("1 not run (suite error)"), html);
        assertTrue(html.contains("\n    &lt;<span class=\"ns\">eb:</span><span class=\"tg\">Messaging</span>"),
                "the envelope is indented and its tags highlighted");
        assertTrue(html.contains("<span class=\"at\">errorCode</span>=&quot;EBMS:0303&quot;"), html);
        assertTrue(html.contains("42 bytes, SHA-256 abc="), "attachments summarised");
        assertTrue(html.contains("<section id=\"damaged-gzip\">") && html.contains("href=\"#damaged-gzip\""),
                "the case id is its anchor");
        assertTrue(html.contains("addEventListener('hashchange',openCase)"), "opening an anchor opens the details");
        assertFalse(html.contains("<env:Envelope"), "no markup of the exchange reaches the page unescaped");
    }
}
