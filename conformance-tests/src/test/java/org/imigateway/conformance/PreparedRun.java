package org.imigateway.conformance;

import java.util.ArrayList;
import java.util.List;

/** Reads back the run command {@code imi-conformance prepare} printed, as a shell would split it. */
final class PreparedRun {

    private PreparedRun() {
    }

    static List<String> arguments(String printed) {
        int start = printed.indexOf("java -jar imi-conformance.jar ");
        if (start < 0) {
            throw new IllegalStateException("prepare printed no run command:\n" + printed);
        }
        String command = printed.substring(start + "java -jar imi-conformance.jar ".length()).replace("\\\n", " ").strip();
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
                if (c == '\n') {
                    break;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            args.add(current.toString());
        }
        return args;
    }
}
