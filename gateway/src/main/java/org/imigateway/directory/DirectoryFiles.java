package org.imigateway.directory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.imigateway.config.ConfigException;
import org.imigateway.procedure.BoundXml;
import org.imigateway.procedure.Procedure;
import org.imigateway.procedure.Procedures;
import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.imi.directory.Grant;

/**
 * The directory data of a hub home ({@code config/directory/*.xml}): authorities and
 * coordinators that seed the directory. Checked against the schema (file, line, column) and
 * against the procedures: every grant names a known procedure of its policy area, every
 * coordinator is an authority of the files, one national coordinator per country.
 */
public final class DirectoryFiles {

    /** The folder of a home that holds the directory files unless {@code directory.dir} says otherwise. */
    public static final String FOLDER = "config/directory";

    private static final BoundXml<org.imigateway.schemas.imi.directory.Directory> XML =
            BoundXml.of(org.imigateway.schemas.imi.directory.Directory.class, SchemaResources.IMI_DIRECTORY);

    public record Contents(List<Authority> authorities, List<Coordinator> coordinators) {
        public Contents {
            authorities = List.copyOf(authorities);
            coordinators = List.copyOf(coordinators);
        }
    }

    private DirectoryFiles() {
    }

    /** Reads every {@code *.xml} of the folder; a missing folder is an empty directory. */
    public static Contents load(Path folder, Procedures procedures) throws ConfigException {
        if (!Files.isDirectory(folder)) {
            return new Contents(List.of(), List.of());
        }
        List<Path> files = BoundXml.xmlFiles(folder, "directory");
        List<String> problems = new ArrayList<>();
        Map<String, Authority> authorities = new LinkedHashMap<>();
        List<Coordinator> coordinators = new ArrayList<>();
        for (Path file : files) {
            BoundXml.Outcome<org.imigateway.schemas.imi.directory.Directory> outcome = XML.read(file);
            if (outcome instanceof BoundXml.Invalid<?> invalid) {
                problems.addAll(invalid.problems());
                continue;
            }
            var document = ((BoundXml.Read<org.imigateway.schemas.imi.directory.Directory>) outcome).document();
            for (var xml : document.getAuthorities()) {
                if (authorities.containsKey(xml.getId())) {
                    problems.add(file + ": authority '" + xml.getId() + "' is defined twice");
                    continue;
                }
                authorities.put(xml.getId(), authority(file + ": authority '" + xml.getId() + "'", xml, procedures, problems));
            }
            for (var xml : document.getCoordinators()) {
                coordinators.add(new Coordinator(xml.getAuthority(), xml.getCountry(),
                        Coordinator.scopeOf(xml.getScope().value()), Optional.ofNullable(xml.getPolicyArea()),
                        Optional.ofNullable(xml.getRegion()), xml.isIncomingAlerts()));
            }
        }
        Set<String> nationals = new HashSet<>();
        for (Coordinator coordinator : coordinators) {
            String where = folder + ": coordinator '" + coordinator.authority() + "' (" + Coordinator.code(coordinator.scope()) + ")";
            Authority authority = authorities.get(coordinator.authority());
            if (authority == null) {
                problems.add(where + ": no authority with this id in the directory files");
            } else if (!authority.country().equals(coordinator.country())) {
                problems.add(where + ": country " + coordinator.country() + " is not the authority's " + authority.country());
            }
            if (coordinator.scope() == Coordinator.Scope.NATIONAL && !nationals.add(coordinator.country())) {
                problems.add(where + ": country " + coordinator.country() + " already has a national coordinator");
            }
            if (coordinator.scope() == Coordinator.Scope.POLICY_AREA && coordinator.policyArea().isEmpty()) {
                problems.add(where + ": a policy-area coordinator needs policyArea");
            }
            if (coordinator.scope() == Coordinator.Scope.REGION && coordinator.region().isEmpty()) {
                problems.add(where + ": a region coordinator needs region");
            }
            if (coordinator.incomingAlerts() && coordinator.policyArea().isEmpty()) {
                problems.add(where + ": an incoming-alert coordinator needs policyArea");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("the directory files in " + folder + " are not valid:\n  " + String.join("\n  ", problems));
        }
        return new Contents(List.copyOf(authorities.values()), coordinators);
    }

    /** An authority of a file, a registration or a search result, with its grants checked against the procedures. */
    public static Authority authority(String where, org.imigateway.schemas.imi.directory.Authority xml, Procedures procedures,
            List<String> problems) {
        Map<String, String> names = new LinkedHashMap<>();
        xml.getNames().forEach(n -> names.put(n.getLang().value(), n.getValue()));
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        for (Grant grant : xml.getGrants()) {
            for (String code : grant.getProcedures()) {
                Optional<Procedure> procedure = procedures.find(code);
                if (procedure.isEmpty()) {
                    problems.add(where + " grant: procedure '" + code + "' is not among the procedures " 
                            + procedures.all().stream().map(Procedure::code).sorted().toList());
                } else if (!procedure.get().policyArea().equals(grant.getPolicyArea())) {
                    problems.add(where + " grant: procedure '" + code + "' belongs to policy area '"
                            + procedure.get().policyArea() + "', not '" + grant.getPolicyArea() + "'");
                } else {
                    grants.computeIfAbsent(grant.getPolicyArea(), k -> new TreeSet<>()).add(code);
                }
            }
        }
        AuthorityStatus status = xml.getStatus() == null ? AuthorityStatus.ACTIVE : AuthorityStatus.ofCode(xml.getStatus().value());
        return new Authority(xml.getId(), xml.getCountry(), names, Optional.ofNullable(xml.getRegion()),
                xml.getAccessPoint(), status, grants);
    }
}
