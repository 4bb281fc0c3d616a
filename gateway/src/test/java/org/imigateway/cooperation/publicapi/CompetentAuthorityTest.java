package org.imigateway.cooperation.publicapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imigateway.procedure.Procedures;
import org.imigateway.procedure.ShippedProcedures;
import org.imigateway.directory.Authority;
import org.imigateway.directory.AuthorityStatus;
import org.imigateway.directory.Directory;
import org.imigateway.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompetentAuthorityTest {

    @TempDir
    Path temp;

    private Database database;
    private CompetentAuthority routing;

    @BeforeEach
    void directory() throws Exception {
        ShippedProcedures.copyTo(temp.resolve("procedures"));
        database = Database.open(temp.resolve("derby"));
        Directory directory = new Directory(database);
        directory.seed(List.of(
                authority("DE-ZOLL", "DE", null, AuthorityStatus.ACTIVE, "posting-of-workers", "posting-declarations"),
                authority("DE-ZOLL-BERLIN", "DE", "berlin", AuthorityStatus.ACTIVE, "posting-of-workers", "posting-declarations"),
                authority("DE-AAA-SUSPENDED", "DE", null, AuthorityStatus.SUSPENDED, "posting-of-workers", "posting-declarations"),
                authority("LV-VDI", "LV", null, AuthorityStatus.ACTIVE, "posting-of-workers", "posting-declarations"),
                authority("AT-WIEN", "AT", "wien", AuthorityStatus.ACTIVE, "posting-of-workers", "posting-declarations"),
                authority("DE-AEK-BERLIN", "DE", "berlin", AuthorityStatus.ACTIVE, "professional-qualifications", "pq-request")),
                List.of());
        routing = new CompetentAuthority(Procedures.load(temp.resolve("procedures")), directory);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void withoutARegionTheNationalActiveAuthorityOfTheCountryIsChosen() {
        assertEquals("DE-ZOLL", found(routing.find("posting-declarations", "DE", Optional.empty())));
        assertEquals("LV-VDI", found(routing.find("posting-declarations", "LV", Optional.empty())));
    }

    @Test
    void aRegionPrefersItsOwnAuthorityAndFallsBackToTheNationalOne() {
        assertEquals("DE-ZOLL-BERLIN", found(routing.find("posting-declarations", "DE", Optional.of("berlin"))));
        assertEquals("DE-ZOLL", found(routing.find("posting-declarations", "DE", Optional.of("bayern"))));
    }

    @Test
    void noCompetentAuthorityIsRefusedNamingTheFieldAndTheValue() {
        CompetentAuthority.NotFound france = (CompetentAuthority.NotFound) routing.find("posting-declarations", "FR",
                Optional.empty());
        CompetentAuthority.NotFound austria = (CompetentAuthority.NotFound) routing.find("posting-declarations", "AT",
                Optional.empty());
        CompetentAuthority.NotFound unknown = (CompetentAuthority.NotFound) routing.find("posting-forms", "DE",
                Optional.empty());
        CompetentAuthority.NotFound notPublic = (CompetentAuthority.NotFound) routing.find("pq-request", "DE",
                Optional.of("berlin"));

        assertEquals("country", france.field());
        assertTrue(france.reason().contains("'FR'") && france.reason().contains("'posting-declarations'"), france.reason());
        assertEquals("region", austria.field());
        assertTrue(austria.reason().contains("regions: wien"), austria.reason());
        assertEquals("procedure", unknown.field());
        assertTrue(unknown.reason().contains("'posting-forms' is not known"), unknown.reason());
        assertTrue(notPublic.reason().contains("does not take public submissions"), notPublic.reason());
    }

    private static String found(CompetentAuthority.Routing routing) {
        assertTrue(routing instanceof CompetentAuthority.Found, routing.toString());
        return ((CompetentAuthority.Found) routing).authority().id();
    }

    private static Authority authority(String id, String country, String region, AuthorityStatus status, String area,
            String procedure) {
        return new Authority(id, country, Map.of("en", id), Optional.ofNullable(region), "ap-1", status,
                Map.of(area, Set.of(procedure)));
    }
}
