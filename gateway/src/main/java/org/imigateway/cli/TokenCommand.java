package org.imigateway.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import org.imigateway.ops.OperatorTokens;
import org.imigateway.ops.SubmitSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token}: a new operator token for the submission endpoint, and the line the gateway keeps of it (its hash). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Make a new operator token for the submission"
        + " endpoint (submit.port): writes the token to --out (readable by its owner only) and prints the"
        + " submit.token.<operator> line, holding only its SHA-256, for gateway.properties of every node.")
public final class TokenCommand implements Callable<Integer> {

    @Option(names = "--operator", required = true, description = "Who the token is for (letters, digits, . _ -).")
    String operator;

    @Option(names = "--out", required = true, description = "File to write the token to; must not exist yet.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!operator.matches("[A-Za-z0-9._-]{1,64}")) {
            System.err.println("--operator '" + operator + "': use 1 to 64 letters, digits, '.', '_' or '-'");
            return ExitCodes.USAGE;
        }
        if (Files.exists(out)) {
            System.err.println("--out " + out + " exists; a token is never written over another");
            return ExitCodes.REFUSED;
        }
        String token = OperatorTokens.newToken();
        Files.writeString(out, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            System.err.println("note: " + out + " is on a file system without POSIX permissions; keep it private");
        }
        System.out.println(SubmitSettings.TOKEN_PREFIX + operator + "=" + OperatorTokens.hashHex(token));
        return ExitCodes.OK;
    }
}
