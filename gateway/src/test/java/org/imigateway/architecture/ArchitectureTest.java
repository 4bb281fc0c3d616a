package org.imigateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/ARCHITECTURE.md describes, enforced: no package cycle in the gateway (nor
 * between the packages of the hub), the access point never imports the IMI hub, the hub reaches
 * the access point only through its ports, the ports import nothing else of the gateway, the
 * connectors never import the gateway, and the product never imports test code (its own tests' or
 * imi-test-support's). Each rule is
 * also run against a small deliberate breach (packages {@code architecture.cycle},
 * {@code architecture.nested}, {@code architecture.forbidden}, {@code architecture.hub} and
 * {@code architecture.port}) to show it bites.
 */
class ArchitectureTest {

    /** The access point: AS4, PModes, routes, store, broker, backends, operations, configuration, cluster nodes. */
    static final String[] ACCESS_POINT = {"org.imigateway.as4..", "org.imigateway.pmode..", "org.imigateway.route..",
        "org.imigateway.store..", "org.imigateway.broker..", "org.imigateway.backend..", "org.imigateway.ops..",
        "org.imigateway.config..", "org.imigateway.cluster..", "org.imigateway.discovery.."};
    /** The IMI hub on top of it. */
    static final String[] HUB = {"org.imigateway.cooperation..", "org.imigateway.directory..",
        "org.imigateway.procedure.."};
    /**
     * What the hub may use of ours: itself, the access point's ports, the configuration it is
     * read from, and what the access point uses too without owning it (the connectors' port and
     * admission rules, {@code text.Untrusted}, the schemas' classes, the hardened XML parser).
     */
    static final String[] HUB_MAY_USE = {"org.imigateway.cooperation..", "org.imigateway.directory..",
        "org.imigateway.procedure..", "org.imigateway.port..", "org.imigateway.config..", "org.imigateway.connectors..",
        "org.imigateway.text..", "org.imigateway.schemas..", "org.imigateway.xml.."};
    /** The ports the access point offers the hub. */
    static final String PORTS = "org.imigateway.port..";
    /** Everything of the gateway module's production code but the connectors' port it implements. */
    static final String[] GATEWAY = {"org.imigateway", "org.imigateway.as4..", "org.imigateway.pmode..",
        "org.imigateway.route..", "org.imigateway.store..", "org.imigateway.broker..", "org.imigateway.backend..",
        "org.imigateway.ops..", "org.imigateway.config..", "org.imigateway.cli..", "org.imigateway.demo..",
        "org.imigateway.cooperation..", "org.imigateway.directory..", "org.imigateway.procedure..",
        "org.imigateway.port..", "org.imigateway.xml..", "org.imigateway.discovery.."};

    /** The shared test fixtures and the phase4 peer (gateway/test-support). */
    static final String TEST_SUPPORT = "org.imigateway.testsupport..";

    static final ArchRule NO_CYCLES = noCyclesBelow("org.imigateway");
    static final ArchRule NO_CYCLES_INSIDE_THE_HUB = noCyclesAmongPackagesOf("org.imigateway.cooperation");
    static final ArchRule HUB_USES_THE_ACCESS_POINT_THROUGH_PORTS = useOnlyWhatTheHubMay(HUB);
    static final ArchRule PORTS_IMPORT_NOTHING_ELSE = portsImportNothingElseOfTheGateway(PORTS);
    static final ArchRule ACCESS_POINT_DOES_NOT_IMPORT_THE_HUB = doNotImportTheHub(ACCESS_POINT);
    static final ArchRule CONNECTORS_DO_NOT_IMPORT_THE_GATEWAY = noClasses()
            .that().resideInAPackage("org.imigateway.connectors..")
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY);

    /** A package right below the root, with its sub-packages, is one component ({@code as4} with {@code as4.inflow}). */
    static ArchRule noCyclesBelow(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Every package from {@code root} down is a component of its own: {@code cooperation} and {@code cooperation.publicapi} apart. */
    static ArchRule noCyclesAmongPackagesOf(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String name = type.getPackageName();
                return name.equals(root) || name.startsWith(root + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of " + root;
            }
        }).should().beFreeOfCycles();
    }

    /** Classes of {@code packages} (the hub's) use nothing of ours but what {@link #HUB_MAY_USE} lists. */
    static ArchRule useOnlyWhatTheHubMay(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat(
                resideInAPackage("org.imigateway..").and(not(resideInAnyPackage(HUB_MAY_USE)))
                        .as("are of the access point behind its ports (the hub may use only " + String.join(", ", HUB_MAY_USE) + ")"));
    }

    /** The ports (in {@code packages}) are made of the JDK and of themselves: no access point class leaks through them. */
    static ArchRule portsImportNothingElseOfTheGateway(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat(
                resideInAPackage("org.imigateway..").and(not(resideInAnyPackage(PORTS))).as("are of the gateway, not ports"));
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
    void theHubsPackagesHaveNoCycleAmongThemselves() {
        NO_CYCLES_INSIDE_THE_HUB.check(production);
    }

    @Test
    void theHubUsesTheAccessPointOnlyThroughItsPorts() {
        HUB_USES_THE_ACCESS_POINT_THROUGH_PORTS.check(production);
    }

    @Test
    void thePortsImportNothingElseOfTheGateway() {
        assertTrue(production.stream().anyMatch(c -> c.getPackageName().equals("org.imigateway.port")),
                "the ports were imported");
        PORTS_IMPORT_NOTHING_ELSE.check(production);
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

    @Test
    void theRulesCatchACycleWithASubPackage() {
        JavaClasses breaches = new ClassFileImporter().importClasses(org.imigateway.architecture.nested.Outer.class,
                org.imigateway.architecture.nested.inner.Inner.class);
        assertFalse(noCyclesBelow("org.imigateway.architecture.nested").evaluate(breaches).hasViolation(),
                "one component to the check across the gateway");
        EvaluationResult cycle = noCyclesAmongPackagesOf("org.imigateway.architecture.nested").evaluate(breaches);
        assertTrue(cycle.hasViolation(), "the cycle between architecture.nested and .nested.inner is reported");
        assertTrue(cycle.getFailureReport().toString().contains("Outer"), cycle.getFailureReport().toString());
    }

    @Test
    void theRulesCatchTheHubReachingPastThePortsAndAPortLeakingTheStore() {
        JavaClasses breaches = new ClassFileImporter().importClasses(
                org.imigateway.architecture.hub.ReachesTheStore.class, org.imigateway.architecture.hub.UsesThePorts.class,
                org.imigateway.architecture.port.LeaksTheStore.class);
        String hub = useOnlyWhatTheHubMay("org.imigateway.architecture.hub..").evaluate(breaches).getFailureReport()
                .toString();
        assertTrue(hub.contains("ReachesTheStore") && hub.contains("org.imigateway.store.Database"), hub);
        assertFalse(hub.contains("UsesThePorts"), "the ports and the connectors are allowed: " + hub);

        String port = portsImportNothingElseOfTheGateway("org.imigateway.architecture.port..").evaluate(breaches)
                .getFailureReport().toString();
        assertTrue(port.contains("LeaksTheStore") && port.contains("org.imigateway.store.MessageRecord"), port);
    }
}
