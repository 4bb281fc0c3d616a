package org.imigateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Payload;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.DerbySink;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code payload}: a message's payloads through the need-to-know gate, on a stopped gateway's home
 * (as {@code directory search} and {@code audit verify}): the command needs no remote credentials,
 * and what it hands out is audited in the same database the gateway audits its own reads in.
 */
@Command(name = "payload", mixinStandardHelpOptions = true,
        description = "Read a received message's payloads as an authority of its case, or blocked payloads as an"
                + " operator proving the exchange; every attempt is audited.",
        subcommands = {PayloadCommand.Read.class, PayloadCommand.Proof.class})
public final class PayloadCommand implements Runnable {

    /** Exit code of a refused read. */
    static final int REFUSED = ExitCodes.REFUSED;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    abstract static class Base implements Callable<Integer> {

        @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
        Path home;

        @Option(names = "--message", required = true, description = "MessageId of the received message.")
        String messageId;

        @Option(names = "--out", required = true, description = "Folder to write the payloads to.")
        Path out;

        abstract PayloadAccess.Access ask(PayloadAccess access);

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.load(home);
            Path data = config.dataDir();
            try (Database database = Database.open(DatabaseSettings.load(config))) {
                MessageLog log = new MessageLog(database);
                PayloadStore payloads = new PayloadStore(database, data.resolve("payloads"));
                PayloadAccess.Access answer = ask(new PayloadAccess(database, log, new DerbySink(log, payloads), payloads,
                        Clock.systemUTC()));
                if (answer instanceof PayloadAccess.Granted granted) {
                    write(granted);
                    return ExitCodes.OK;
                }
                if (answer instanceof PayloadAccess.Deleted deleted) {
                    System.out.println(deleted.statement());
                    System.out.print(deleted.evidence().describe());
                    return REFUSED;
                }
                System.err.println(((PayloadAccess.Refused) answer).reason());
                return REFUSED;
            }
        }

        private void write(PayloadAccess.Granted granted) throws IOException {
            Files.createDirectories(out);
            int index = 1;
            for (Payload payload : granted.delivery().payloads()) {
                Path target = out.resolve(messageId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + index++);
                Files.copy(payload.file(), target, StandardCopyOption.REPLACE_EXISTING);
                System.out.println(target + " (" + payload.mimeType() + ")");
            }
            System.out.println("audited as entry " + granted.audit().seq() + ": " + granted.audit().actor() + " "
                    + granted.audit().action() + " " + granted.audit().caseKey());
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Read as an authority taking part in the message's case, saying why.")
    static final class Read extends Base {

        @Option(names = "--as", required = true, description = "Authority id of the reader.")
        String authority;

        @Option(names = "--purpose", required = true, description = "Why the payloads are read (kept in the audit trail).")
        String purpose;

        @Override
        PayloadAccess.Access ask(PayloadAccess access) {
            return access.read(authority, messageId, purpose);
        }
    }

    @Command(name = "proof", mixinStandardHelpOptions = true,
            description = "Read blocked payloads as an operator, to prove the exchange happened, giving the reason.")
    static final class Proof extends Base {

        @Option(names = "--operator", required = true, description = "Name of the operator.")
        String operator;

        @Option(names = "--reason", required = true, description = "Why the proof is needed (kept in the audit trail).")
        String reason;

        @Override
        PayloadAccess.Access ask(PayloadAccess access) {
            return access.proof(operator, messageId, reason);
        }
    }
}
