package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.imigateway.certificates.PkiException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Common ground of the {@code certs} subcommands: bad input (a {@link PkiException}) ends with its
 * message and exit code 3 instead of a stack trace. Usage errors stay with picocli (exit code 2).
 */
abstract class PkiSubcommand implements Callable<Integer> {

    /** Bad input refused: 3, as every imi-gateway command (0 ok, 2 usage, 3 refused or failed, 4 unreachable). */
    static final int BAD_INPUT = 3;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            execute(out);
            return 0;
        } catch (PkiException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } finally {
            out.flush();
        }
    }

    abstract void execute(PrintWriter out);
}
