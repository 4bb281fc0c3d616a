package org.imigateway.pmode;

import java.util.List;

/** A PMode set that cannot be used; each problem names the file, line and field. */
public class PModeException extends Exception {

    private final List<String> problems;

    public PModeException(List<String> problems) {
        super("invalid PModes:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
