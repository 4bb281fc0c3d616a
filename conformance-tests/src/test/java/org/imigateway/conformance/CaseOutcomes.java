package org.imigateway.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.imigateway.conformance.wire.Xml;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The verdict of each case as the run's junit.xml records it: PASS, FAIL or SKIP with its message. */
record CaseOutcomes(Map<String, String> statuses, Map<String, String> messages) {

    static CaseOutcomes read(Path junitXml) throws Exception {
        Element suite = Xml.parse(Files.readAllBytes(junitXml)).getDocumentElement();
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String id = testcase.getAttribute("name");
            Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
            Element skipped = (Element) testcase.getElementsByTagName("skipped").item(0);
            Element error = (Element) testcase.getElementsByTagName("error").item(0);
            statuses.put(id, failure != null ? "FAIL" : skipped != null ? "SKIP" : error != null ? "ERROR" : "PASS");
            Element reason = failure != null ? failure : skipped != null ? skipped : error;
            messages.put(id, reason != null ? reason.getAttribute("message") : testcase.getTextContent().trim());
        }
        return new CaseOutcomes(statuses, messages);
    }

    String status(String id) {
        return statuses.getOrDefault(id, "NOT RUN");
    }

    String message(String id) {
        return messages.getOrDefault(id, "");
    }
}
