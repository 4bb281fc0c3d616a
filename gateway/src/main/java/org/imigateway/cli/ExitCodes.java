package org.imigateway.cli;

/** The exit codes every command keeps to, as the README lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command line is wrong: an unknown option, a missing or malformed value. */
    public static final int USAGE = 2;
    /** The command ran and was refused or failed: bad input file, a check that did not pass. */
    public static final int REFUSED = 3;
    /** The gateway or endpoint to reach did not answer. */
    public static final int UNREACHABLE = 4;

    private ExitCodes() {
    }
}
