package org.imigateway.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Transcript;
import org.imigateway.conformance.run.Verdict;

/**
 * One self-contained HTML file (inline style, no script, nothing fetched): a summary, then per
 * case its assertion, verdict and every exchange — what was sent (HTTP headers, SOAP envelope,
 * attachments) and what came back (status, headers, body, the signal as the suite read it).
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
            td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            .PASS{color:#126b12;font-weight:bold}.FAIL{color:#b00;font-weight:bold}.SKIP{color:#888;font-weight:bold}
            .ERROR{color:#a65c00;font-weight:bold}.tg{color:#14568a}.ns{color:#6a6a6a}.at{color:#8a4b00}
            section:target{background:#fffbe6}td.reason{font-size:90%;max-width:48em}
            pre{background:#f6f6f6;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
            section{border-top:2px solid #ddd;margin-top:1.5em}details{margin:.5em 0}""";

    private HtmlReport() {
    }

    public static Path write(List<CaseResult> results, String target, Path file) throws IOException {
        return write(results, "eDelivery AS4 conformance report", target, file);
    }

    /** The same report under another heading (the sandbox's scenario report shares it). */
    public static Path write(List<CaseResult> results, String heading, String target, Path file) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">")
                .append("<title>").append(esc(heading)).append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>").append(esc(heading)).append("</h1><p>Target: <code>").append(esc(target))
                .append("</code><br>Run: ").append(Instant.now()).append("<br>")
                .append(SummaryTable.count(results, Verdict.Status.PASS)).append(" passed, ")
                .append(SummaryTable.count(results, Verdict.Status.FAIL)).append(" failed, ")
                .append(SummaryTable.count(results, Verdict.Status.SKIP)).append(" skipped")
                .append(esc(SummaryTable.suiteErrors(results))).append("</p>")
                .append("<table><tr><th>case</th><th>role</th><th>scope</th><th>assertion</th><th>result</th>")
                .append("<th>reason</th></tr>");
        for (CaseResult r : results) {
            html.append("<tr><td><a href=\"#").append(esc(r.testCase().id())).append("\">").append(esc(r.testCase().id()))
                    .append("</a></td><td>").append(r.testCase().role()).append("</td><td>")
                    .append(esc(r.testCase().scope().label())).append("</td><td>").append(esc(r.testCase().assertion()))
                    .append("</td><td class=\"").append(r.verdict().status()).append("\">").append(r.verdict().status())
                    .append("</td><td class=\"reason\" title=\"").append(esc(r.verdict().message())).append("\">")
                    .append(esc(SummaryTable.oneLine(r.verdict().message(), 160))).append("</td></tr>");
        }
        html.append("</table>");
        for (CaseResult r : results) {
            section(html, r);
        }
        // a link to a case (#its-id, stable across runs) opens that case's exchanges
        html.append("<script>function openCase(){var s=document.getElementById(decodeURIComponent(location.hash.slice(1)));")
                .append("if(s){s.querySelectorAll('details').forEach(function(d){d.open=true;});}}")
                .append("window.addEventListener('hashchange',openCase);openCase();</script>");
        html.append("</body></html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void section(StringBuilder html, CaseResult r) {
        html.append("<section id=\"").append(esc(r.testCase().id())).append("\"><h2>").append(esc(r.testCase().id()))
                .append(" <span class=\"").append(r.verdict().status()).append("\">").append(r.verdict().status())
                .append("</span></h2><p><b>Assertion:</b> ").append(esc(r.testCase().assertion()))
                .append("<br><b>What is sent:</b> ").append(esc(r.testCase().title()))
                .append("<br><b>Verdict:</b> ").append(esc(r.verdict().message()))
                .append("<br><b>Time:</b> ").append(r.took().toMillis()).append(" ms</p>");
        for (Transcript t : r.exchanges()) {
            html.append("<h3>").append(esc(t.title())).append("</h3><details><summary>Sent: HTTP headers, SOAP envelope, ")
                    .append(t.attachments().size()).append(" attachment(s)</summary><pre>");
            t.requestHeaders().forEach((k, v) -> html.append(esc(k)).append(": ").append(esc(v)).append('\n'));
            html.append("</pre><pre>").append(Pretty.xml(t.requestSoap())).append("</pre>");
            if (!t.attachments().isEmpty()) {
                html.append("<pre>");
                t.attachments().forEach(a -> html.append(esc(a)).append('\n'));
                html.append("</pre>");
            }
            html.append("</details><p><b>Came back:</b> ").append(esc(t.responseStatus())).append(" — ")
                    .append(esc(t.reading())).append("</p><details><summary>Response headers and body</summary><pre>");
            for (Map.Entry<String, List<String>> h : t.responseHeaders().entrySet()) {
                html.append(esc(h.getKey())).append(": ").append(esc(String.join(", ", h.getValue()))).append('\n');
            }
            html.append("</pre><pre>").append(Pretty.xml(t.responseBody())).append("</pre></details>");
        }
        html.append("</section>");
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c);
            }
        }
        return out.toString();
    }
}
