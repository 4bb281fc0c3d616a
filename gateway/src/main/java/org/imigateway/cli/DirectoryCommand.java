package org.imigateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.cooperation.CooperationSettings;
import org.imigateway.procedure.Procedures;
import org.imigateway.directory.Authority;
import org.imigateway.directory.Directory;
import org.imigateway.directory.DirectoryFiles;
import org.imigateway.directory.SearchQuery;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code directory}: the hub's authority directory. */
@Command(name = "directory", mixinStandardHelpOptions = true,
        description = "The authority directory of a hub home.",
        subcommands = DirectoryCommand.Search.class)
public final class DirectoryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code directory search}: case- and diacritic-insensitive, in any language, on a stopped hub's home. */
    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search active authorities by name in any language (case and diacritics do not matter:"
                    + " Ärztekammer finds Aerztekammer), narrowed by country, policy area and procedure.")
    static final class Search implements Callable<Integer> {

        @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Hub home folder (default: ${DEFAULT-VALUE}).")
        Path home;

        @Parameters(arity = "0..1", paramLabel = "TEXT", description = "Part of a name, in any language.")
        Optional<String> text;

        @Option(names = "--country", split = ",", description = "Country codes, e.g. DE,LV.")
        Set<String> countries = Set.of();

        @Option(names = "--area", split = ",", description = "Policy area codes.")
        Set<String> areas = Set.of();

        @Option(names = "--procedure", split = ",", description = "Procedure codes.")
        Set<String> procedures = Set.of();

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.load(home);
            CooperationSettings settings = CooperationSettings.load(home);
            DirectoryFiles.Contents seed = DirectoryFiles.load(settings.directory(), Procedures.load(settings.procedures()));
            try (Database database = Database.open(DatabaseSettings.load(config))) {
                Directory directory = new Directory(database);
                directory.seed(seed.authorities(), seed.coordinators());
                List<Authority> found = directory.search(new SearchQuery(text, countries, areas, procedures));
                for (Authority authority : found) {
                    System.out.printf("%-28s %s  %-10s %s  %s%n", authority.id(), authority.country(),
                            authority.accessPoint(), new TreeMap<>(authority.names()).values(), authority.policyAreas());
                }
                System.out.println(found.size() + " authorit" + (found.size() == 1 ? "y" : "ies") + " found");
            }
            return ExitCodes.OK;
        }
    }
}
