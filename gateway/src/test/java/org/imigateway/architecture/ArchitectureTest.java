package org.imigateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/ARCHITECTURE.md describes, enforced: no package cycle in the gateway, the
 * access point never imports the IMI hub, the connectors never import the gateway, and the
 * product never imports test code (its own tests' or imi-test-support's). Each rule is also run
 * against a small deliberate breach (packages {@code architecture.cycle} and
 * {@code architecture.forbidden}) to show it bites.
 */
class ArchitectureTest {

    /** The access point: AS4, PModes, routes, store, broker, backends, operations, configuration. */
    static final String[] ACCESS_POINT = {"org.imigateway.as4..", "org.imigateway.pmode..", "org.imigateway.route..",
        "org.imigateway.store..", "org.imigateway.broker..", "org.imigateway.backend..", "org.imigateway.ops..",
        "org.imigateway.config.."};
    /** The IMI hub on top of it. */
    static final String[] HUB = {"org.imigateway.cooperation..", "org.imigateway.directory..",
        "org.imigateway.procedure.."};
    /** Everything of the gateway module's production code but the connectors' port it implements. */
    static final String[] GATEWAY = {"org.imigateway", "org.imigateway.as4..", "org.imigateway.pmode..",
        "org.imigateway.route..", "org.imigateway.store..", "org.imigateway.broker..", "org.imigateway.backend..",
        "org.imigateway.ops..", "org.imigateway.config..", "org.imigateway.cli..", "org.imigateway.demo..",
        "org.imigateway.cooperation..", "org.imigateway.directory..", "org.imigateway.procedure.."};

    /** The shared test fixtures and the phase4 peer (gateway/test-support). */
    static final String TEST_SUPPORT = "org.imigateway.testsupport..";

    static final ArchRule NO_CYCLES = noCyclesBelow("org.imigateway");
    static final ArchRule ACCESS_POINT_DOES_NOT_IMPORT_THE_HUB = doNotImportTheHub(ACCESS_POINT);
    static final ArchRule CONNECTORS_DO_NOT_IMPORT_THE_GATEWAY = noClasses()
            .that().resideInAPackage("org.imigateway.connectors..")
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY);

    /** A package right below the root, with its sub-packages, is one component ({@code as4} with {@code as4.inflow}). */
    static ArchRule noCyclesBelow(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule doNotImportTheHub(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat().resideInAnyPackage(HUB);
    }

    static JavaClasses production;
    static JavaClasses tests;

    @BeforeAll
    static void importClasses() {
        // From the build folders and the connectors' jar only: scanning the whole class path is slow.
        production = new ClassFileImporter().importLocations(Set.of(location(org.imigateway.Gateway.class),
                location(org.imigateway.connectors.Submission.class)));
        tests = new ClassFileImporter().importLocations(Set.of(location(ArchitectureTest.class)));
    }

    private static Location location(Class<?> type) {
        return Location.of(type.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void theGatewayHasNoPackageCycle() {
        NO_CYCLES.check(production);
    }

    @Test
    void theAccessPointDoesNotImportTheHub() {
        ACCESS_POINT_DOES_NOT_IMPORT_THE_HUB.check(production);
    }

    @Test
    void theConnectorsDoNotImportTheGateway() {
        assertTrue(production.stream().anyMatch(c -> c.getPackageName().startsWith("org.imigateway.connectors")),
                "the connectors' classes are on the class path and were imported");
        CONNECTORS_DO_NOT_IMPORT_THE_GATEWAY.check(production);
    }

    @Test
    void productionCodeDoesNotImportTestCode() {
        Set<String> testClassNames = tests.stream().map(JavaClass::getName).collect(Collectors.toSet());
        doNotImportTestCode(testClassNames).check(production);
    }

    /**
     * Test code is the gateway's own test classes and the test-support module (imi-test-support,
     * whose classes sit in a jar like production code's, so they are named by package).
     */
    static ArchRule doNotImportTestCode(Set<String> testClassNames) {
        return noClasses().should().dependOnClassesThat(DescribedPredicate.describe("are test code",
                        (JavaClass c) -> testClassNames.contains(c.getName())))
                .orShould().dependOnClassesThat().resideInAnyPackage(TEST_SUPPORT, "org.junit..", "org.xmlunit..",
                        "com.tngtech..", "com.helger..");
    }

    @Test
    void theRulesCatchADeliberateCycleAndAForbiddenImport() {
        JavaClasses breaches = new ClassFileImporter().importClasses(org.imigateway.architecture.cycle.a.First.class,
                org.imigateway.architecture.cycle.b.Second.class,
                org.imigateway.architecture.forbidden.ImportsTheHub.class,
                org.imigateway.architecture.forbidden.ImportsTestSupport.class);
        EvaluationResult cycle = noCyclesBelow("org.imigateway.architecture.cycle").evaluate(breaches);
        assertTrue(cycle.hasViolation(), "a cycle between architecture.cycle.a and .b is reported");
        assertTrue(cycle.getFailureReport().toString().contains("Slice a"), cycle.getFailureReport().toString());

        ArchRule hubImport = doNotImportTheHub("org.imigateway.architecture.forbidden..");
        assertTrue(hubImport.evaluate(breaches).hasViolation(), "an import of the hub is reported");

        EvaluationResult testSupport = doNotImportTestCode(Set.of()).evaluate(breaches);
        assertTrue(testSupport.hasViolation(), "an import of test support is reported");
        assertTrue(testSupport.getFailureReport().toString().contains("ImportsTestSupport"),
                testSupport.getFailureReport().toString());
    }
}
