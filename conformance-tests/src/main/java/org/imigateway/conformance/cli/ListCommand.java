package org.imigateway.conformance.cli;

import java.util.concurrent.Callable;

import org.imigateway.conformance.cases.Case;
import org.imigateway.conformance.cases.CaseRegistry;

import picocli.CommandLine.Command;

/** {@code list}: every case with its role, scope and assertion. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases: id, role, scope, assertion.")
public final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Case c : CaseRegistry.all()) {
            System.out.printf("%-28s %-6s %-21s %s%n", c.id(), c.role(), c.scope().label(), c.assertion());
        }
        return 0;
    }
}
