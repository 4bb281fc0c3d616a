package org.imigateway.conformance.run;

/** The outcome of one case, with the reason a human reads in the summary and the reports. */
public record Verdict(Status status, String message) {

    public enum Status { PASS, FAIL, SKIP }

    public static Verdict pass(String message) {
        return new Verdict(Status.PASS, message);
    }

    public static Verdict fail(String message) {
        return new Verdict(Status.FAIL, message);
    }

    public static Verdict skip(String message) {
        return new Verdict(Status.SKIP, message);
    }
}
