package org.billingsdk.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureTest {

    private static final String CORE = "org.billingsdk.core";

    /**
     * billing-core's packages in the order their dependencies point: each uses at most the ones
     * before it (and the JDK and the libraries of {@link #coreDependsOnlyOnTheJdkMoneyValidationAndLogging}).
     * The root package holds the vocabulary all share (paging, scope, errors) and the entry point
     * {@code Billing}, which alone builds the machinery and is left out of the order.
     */
    private static final List<String> ORDER = List.of(
            ".validation", "", ".company", ".audit", ".catalog", ".tax", ".subscription", ".invoice", ".payment",
            ".credit", ".change", ".event", ".port", ".history", ".memory", ".simulation", ".internal");

    /** The entry point and its builder: the one place the machinery is wired. */
    private static final DescribedPredicate<JavaClass> THE_ENTRY_POINT = DescribedPredicate.describe(
            "the entry point Billing", javaClass -> javaClass.getName().equals(CORE + ".Billing")
                    || javaClass.getName().startsWith(CORE + ".Billing$"));

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.billingsdk.core");
    }

    @Test
    void coreDependsOnlyOnTheJdkMoneyValidationAndLogging() {
        classes().that().resideInAPackage("org.billingsdk.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.billingsdk.core..",
                        "java..",
                        "javax.money..",
                        "org.javamoney.moneta..",
                        "jakarta.validation..",
                        "org.slf4j..")
                .check(core);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("org.billingsdk.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void nothingButTheEntryPointDependsOnTheMachinery() {
        noClasses().that().resideOutsideOfPackage(CORE + ".internal..").and(DescribedPredicate.not(THE_ENTRY_POINT))
                .should().dependOnClassesThat().resideInAPackage(CORE + ".internal..")
                .check(core);
    }

    static Stream<String> packagesInOrder() {
        return ORDER.stream();
    }

    @ParameterizedTest(name = "org.billingsdk.core{0}")
    @MethodSource("packagesInOrder")
    void eachPackageUsesOnlyThePackagesBeforeIt(String suffix) {
        List<String> allowed = new ArrayList<>(List.of("java..", "javax.money..", "org.javamoney.moneta..",
                "jakarta.validation..", "org.slf4j.."));
        for (String earlier : ORDER.subList(0, ORDER.indexOf(suffix) + 1)) {
            allowed.add(earlier.isEmpty() ? CORE : CORE + earlier + "..");
        }
        String pkg = suffix.isEmpty() ? CORE : CORE + suffix + "..";
        classes().that().resideInAPackage(pkg).and(DescribedPredicate.not(THE_ENTRY_POINT))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .check(core);
    }

    @Test
    void theDomainNeverReadsTheSystemClock() {
        noClasses().that().resideInAPackage("org.billingsdk.core..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .check(core);
    }

    @Test
    void adaptersImplementPortsWithoutReachingIntoTheMachinery() {
        noClasses().that().resideInAPackage("org.billingsdk.core.port..")
                .should().dependOnClassesThat().resideInAPackage("org.billingsdk.core.internal..")
                .check(core);
    }

    @Test
    void theInMemoryStorageIsReachedOnlyThroughItsFactory() {
        classes().that().resideInAPackage("org.billingsdk.core.memory..")
                .and().doNotHaveSimpleName("InMemoryStorage")
                .and().areNotAnonymousClasses()
                .and().areNotMemberClasses()
                .should().notBePublic()
                .check(core);
    }
}
