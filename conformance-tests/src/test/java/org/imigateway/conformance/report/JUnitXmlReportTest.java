package org.imigateway.conformance.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.imigateway.conformance.cases.CaseRegistry;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JUnit XML a CI server reads: the suite's cases are grouped by role, another tool names its own groups. */
class JUnitXmlReportTest {

    @TempDir
    Path work;

    private static CaseResult passed(String id) {
        return new CaseResult(CaseRegistry.select(List.of(id)).get(0), Verdict.pass("receipt"), Duration.ofMillis(3), List.of());
    }

    @Test
    void theSuitesCasesKeepTheirRoleAsClassname() throws Exception {
        String xml = Files.readString(JUnitXmlReport.write(List.of(passed("one-way-push")), "imi-conformance",
                work.resolve("junit.xml")));

        assertTrue(xml.contains("classname=\"imi-conformance.send\" name=\"one-way-push\""), xml);
    }

    @Test
    void aCallerNamesTheClassnameOfEachCase() throws Exception {
        String xml = Files.readString(JUnitXmlReport.write(List.of(passed("one-way-push")), "imi-sandbox",
                r -> "imi-sandbox.case-of-" + r.testCase().id(), work.resolve("junit.xml")));

        assertTrue(xml.contains("classname=\"imi-sandbox.case-of-one-way-push\" name=\"one-way-push\""), xml);
    }
}
