package org.imigateway.conformance.run;

/** The outcome of one case, with the reason a human reads in the summary and the reports. */
public record Verdict(Status status, String message) {

    /**
     * PASS and FAIL judge the target; SKIP and ERROR are the suite's: SKIP when it lacks an option
     * to run the case, ERROR when it could not run the case at all (say a key type it cannot use).
     */
    public enum Status { PASS, FAIL, SKIP, ERROR }

    public static Verdict pass(String message) {
        return new Verdict(Status.PASS, message);
    }

    public static Verdict fail(String message) {
        return new Verdict(Status.FAIL, message);
    }

    public static Verdict skip(String message) {
        return new Verdict(Status.SKIP, message);
    }

    public static Verdict error(String message) {
        return new Verdict(Status.ERROR, message);
    }
}
