package org.imigateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.store.AuditTrail;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the audit trail of personal data. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail of reads, blocks and deletions of personal data.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    /** Exit code of a verification that found the chain broken. */
    static final int BROKEN = ExitCodes.REFUSED;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code audit verify}: on a stopped gateway's home, as {@code directory search}: the embedded
     * database admits one process, and a verification should read a trail nobody appends to meanwhile.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the hash chain of the audit trail; exit 0 when intact, " + BROKEN
                    + " naming the first entry altered, removed or inserted.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
        Path home;

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.load(home);
            try (Database database = Database.open(DatabaseSettings.load(config))) {
                AuditTrail.Verification result = new AuditTrail(database).verify();
                if (result instanceof AuditTrail.Intact intact) {
                    System.out.println("audit trail intact: " + intact.entries() + " entries, head hash " + intact.headHash());
                    return ExitCodes.OK;
                }
                AuditTrail.Broken broken = (AuditTrail.Broken) result;
                System.err.println("audit trail BROKEN at entry " + broken.seq() + ": " + broken.problem());
                return BROKEN;
            }
        }
    }
}
