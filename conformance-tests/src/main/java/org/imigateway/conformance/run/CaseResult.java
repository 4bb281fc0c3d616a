package org.imigateway.conformance.run;

import java.time.Duration;
import java.util.List;

import org.imigateway.conformance.cases.Case;

/** A case that ran: its verdict, how long it took and every exchange it made. */
public record CaseResult(Case testCase, Verdict verdict, Duration took, List<Transcript> exchanges) {

    public CaseResult {
        exchanges = List.copyOf(exchanges);
    }
}
