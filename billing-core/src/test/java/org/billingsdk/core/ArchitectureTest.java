package org.billingsdk.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

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
