package org.imigateway.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imigateway.directory.Coordinator.Scope;
import org.imigateway.directory.Directory.Decision;
import org.imigateway.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory on a real embedded Derby. */
class DirectoryTest {

    private static final String PQ = "professional-qualifications";
    private static final String SERVICES = "services";

    @TempDir
    Path temp;

    private Database database;
    private Directory directory;

    @BeforeEach
    void open() {
        database = Database.open(temp.resolve("derby"));
        directory = new Directory(database);
        directory.seed(List.of(
                authority("DE-BVA", "DE", Map.of("de", "Bundesverwaltungsamt", "en", "Federal Office of Administration"),
                        Optional.empty(), Map.of(PQ, Set.of("pq-request"))),
                authority("DE-AEK-BERLIN", "DE", Map.of("de", "Ärztekammer Berlin"), Optional.of("berlin"),
                        Map.of(PQ, Set.of("pq-request", "pq-alert"))),
                authority("DE-AEK-HAMBURG", "DE", Map.of("de", "Aerztekammer Hamburg"), Optional.of("hamburg"),
                        Map.of(PQ, Set.of("pq-request", "pq-alert"))),
                authority("DE-SENAT-BERLIN", "DE", Map.of("de", "Senatsverwaltung Berlin"), Optional.of("berlin"),
                        Map.of(SERVICES, Set.of("services-request"))),
                authority("DE-GEWERBE", "DE", Map.of("de", "Gewerbeaufsicht"), Optional.empty(),
                        Map.of(SERVICES, Set.of("services-request", "services-alert"))),
                authority("LV-VI", "LV", Map.of("lv", "Veselības inspekcija", "en", "Health Inspectorate"), Optional.empty(),
                        Map.of(PQ, Set.of("pq-request", "pq-alert"))),
                authority("LV-NC", "LV", Map.of("lv", "Valsts kanceleja"), Optional.empty(), Map.of()),
                authority("FR-SGAE", "FR", Map.of("fr", "Secrétariat général des affaires européennes"), Optional.empty(),
                        Map.of(PQ, Set.of("pq-alert"))),
                authority("FR-ORDRE", "FR", Map.of("fr", "Ordre des médecins"), Optional.empty(),
                        Map.of(PQ, Set.of("pq-request", "pq-alert")))),
                List.of(new Coordinator("DE-BVA", "DE", Scope.NATIONAL, Optional.empty(), Optional.empty(), false),
                        new Coordinator("DE-SENAT-BERLIN", "DE", Scope.REGION, Optional.empty(), Optional.of("berlin"), false),
                        new Coordinator("DE-GEWERBE", "DE", Scope.POLICY_AREA, Optional.of(SERVICES), Optional.empty(), false),
                        new Coordinator("LV-NC", "LV", Scope.NATIONAL, Optional.empty(), Optional.empty(), false),
                        new Coordinator("FR-SGAE", "FR", Scope.NATIONAL, Optional.of(PQ), Optional.empty(), true)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    static Authority authority(String id, String country, Map<String, String> names, Optional<String> region,
            Map<String, Set<String>> grants) {
        return new Authority(id, country, names, region, "ap-" + country.toLowerCase(), AuthorityStatus.ACTIVE, grants);
    }

    private List<String> found(SearchQuery query) {
        return directory.search(query).stream().map(Authority::id).toList();
    }

    @Test
    void umlautAndItsSpelledOutFormFindEachOther() {
        assertEquals(List.of("DE-AEK-BERLIN", "DE-AEK-HAMBURG"), found(SearchQuery.text("Ärztekammer")));
        assertEquals(List.of("DE-AEK-BERLIN", "DE-AEK-HAMBURG"), found(SearchQuery.text("aerztekammer")));
        assertEquals(List.of("DE-AEK-HAMBURG"), found(SearchQuery.text("ÄRZTEKAMMER HAMBURG")));
    }

    @Test
    void latvianNameIsFoundWithoutItsDiacritics() {
        assertEquals(List.of("LV-VI"), found(SearchQuery.text("veselibas inspekcija")));
        assertEquals(List.of("LV-VI"), found(SearchQuery.text("Veselības")));
        assertEquals(List.of("FR-ORDRE"), found(SearchQuery.text("medecins")));
    }

    @Test
    void searchIsNarrowedByCountryPolicyAreaAndProcedure() {
        assertEquals(List.of("LV-NC", "LV-VI"), found(new SearchQuery(Optional.empty(), Set.of("LV"), Set.of(), Set.of())));
        assertEquals(List.of("DE-GEWERBE", "DE-SENAT-BERLIN"),
                found(new SearchQuery(Optional.empty(), Set.of("DE"), Set.of(SERVICES), Set.of())));
        assertEquals(List.of("DE-GEWERBE"),
                found(new SearchQuery(Optional.empty(), Set.of(), Set.of(), Set.of("services-alert"))));
        assertEquals(List.of("DE-SENAT-BERLIN"), found(new SearchQuery(Optional.of("berlin"), Set.of(), Set.of(SERVICES), Set.of())));
        assertEquals(List.of(), found(SearchQuery.text("100%_")));
    }

    @Test
    void registrationIsDecidedByTheRegionalCoordinatorWhereThereIsOne() {
        Authority applicant = new Authority("DE-ZAK-BERLIN", "DE", Map.of("de", "Zahnärztekammer Berlin"), Optional.of("berlin"),
                "ap-de", AuthorityStatus.ACTIVE, Map.of(PQ, Set.of("pq-request")));

        Directory.Registration registration = directory.register(applicant);

        assertEquals("DE-SENAT-BERLIN", assertInstanceOf(Directory.Registration.Pending.class, registration).decides().authority());
        assertInstanceOf(Directory.Denied.class, directory.authorise("DE-ZAK-BERLIN", "pq-request"), "pending cannot exchange");
        DirectoryException wrong = assertThrows(DirectoryException.class,
                () -> directory.decide("DE-BVA", "DE-ZAK-BERLIN", Decision.APPROVE));
        assertTrue(wrong.getMessage().contains("DE-BVA is not the coordinator responsible for DE-ZAK-BERLIN; DE-SENAT-BERLIN (region) is"),
                wrong.getMessage());

        assertEquals(AuthorityStatus.ACTIVE, directory.decide("DE-SENAT-BERLIN", "DE-ZAK-BERLIN", Decision.APPROVE).status());
        assertInstanceOf(Directory.Allowed.class, directory.authorise("DE-ZAK-BERLIN", "pq-request"));
        assertEquals(List.of("DE-ZAK-BERLIN"), found(SearchQuery.text("Zahnaerztekammer")));
    }

    @Test
    void registrationIsDecidedByThePolicyAreaCoordinatorElseTheNationalOne() {
        Authority services = new Authority("DE-IHK", "DE", Map.of("de", "Industrie- und Handelskammer"), Optional.of("bayern"),
                "ap-de", AuthorityStatus.ACTIVE, Map.of(SERVICES, Set.of("services-request")));
        Authority pq = new Authority("DE-LPA", "DE", Map.of("de", "Landesprüfungsamt"), Optional.of("bayern"),
                "ap-de", AuthorityStatus.ACTIVE, Map.of(PQ, Set.of("pq-request")));

        assertEquals("DE-GEWERBE", ((Directory.Registration.Pending) directory.register(services)).decides().authority());
        assertEquals("DE-BVA", ((Directory.Registration.Pending) directory.register(pq)).decides().authority());
        assertEquals(AuthorityStatus.REFUSED, directory.decide("DE-BVA", "DE-LPA", Decision.REFUSE).status());
        assertTrue(((Directory.Denied) directory.authorise("DE-LPA", "pq-request")).reason().contains("is refused"));
    }

    @Test
    void aTakenIdCannotRegisterAgain() {
        Directory.Registration again = directory.register(authority("LV-VI", "LV", Map.of("lv", "Cits"), Optional.empty(), Map.of()));

        assertTrue(assertInstanceOf(Directory.Registration.NotTaken.class, again).reason().contains("already in the directory (active)"));
    }

    @Test
    void suspendedUnregisteredAndUngrantedAuthoritiesAreRefusedNamingWhy() {
        directory.decide("LV-NC", "LV-VI", Decision.SUSPEND);

        assertTrue(((Directory.Denied) directory.authorise("LV-VI", "pq-request")).reason()
                .contains("authority LV-VI is suspended, only active authorities exchange"));
        assertTrue(((Directory.Denied) directory.authorise("XX-NOBODY", "pq-request")).reason()
                .contains("XX-NOBODY is not registered"));
        assertTrue(((Directory.Denied) directory.authorise("FR-SGAE", "pq-request")).reason()
                .contains("is not granted procedure pq-request"));
        DirectoryException twice = assertThrows(DirectoryException.class, () -> directory.decide("LV-NC", "LV-VI", Decision.SUSPEND));
        assertTrue(twice.getMessage().contains("in state suspended"), twice.getMessage());

        directory.decide("LV-NC", "LV-VI", Decision.REACTIVATE);
        assertInstanceOf(Directory.Allowed.class, directory.authorise("LV-VI", "pq-request"));
    }

    @Test
    void alertsGoToEveryGrantedAuthorityOrToTheIncomingAlertCoordinator() {
        List<String> recipients = directory.alertRecipients("pq-alert", PQ, List.of("DE", "FR", "LV"), "LV-VI").stream()
                .map(Authority::id).toList();

        // FR has an incoming-alert coordinator for the area: it alone receives France's copy
        assertEquals(List.of("DE-AEK-BERLIN", "DE-AEK-HAMBURG", "FR-SGAE"), recipients);
    }

    @Test
    void seedingAgainKeepsDecisionsTakenSince() {
        directory.decide("LV-NC", "LV-VI", Decision.SUSPEND);

        directory.seed(List.of(authority("LV-VI", "LV", Map.of("lv", "Veselības inspekcija"), Optional.empty(),
                Map.of(PQ, Set.of("pq-request")))), List.of());

        assertEquals(AuthorityStatus.SUSPENDED, directory.find("LV-VI").orElseThrow().status());
    }

    @Test
    void foldingSpellsOutUmlautsAndDropsOtherDiacritics() {
        assertEquals("aerztekammer", SearchFolding.fold("Ärztekammer"));
        assertEquals("strasse", SearchFolding.fold("Straße"));
        assertEquals("veselibas inspekcija", SearchFolding.fold("Veselības   inspekcija"));
        assertEquals("lodz", SearchFolding.fold("Łódź"));
        assertEquals("oeresund", SearchFolding.fold("Øresund"));
    }
}
