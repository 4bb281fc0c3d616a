package org.imigateway.conformance.cases;

import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;

/** What a case does against the target and how it judges the answer. */
@FunctionalInterface
public interface Probe {
    Verdict run(Session session) throws Exception;
}
