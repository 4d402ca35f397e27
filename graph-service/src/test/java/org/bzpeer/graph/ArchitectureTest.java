package org.bzpeer.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The edges of the co-authorship feature stay where the folders say: events arrive in {@code messaging}, are applied
 * in {@code application}, stored in {@code store} and served in {@code api}; {@code model} is plain Java.
 */
class ArchitectureTest {

    private static final String FEATURE = "org.bzpeer.graph.coauthorship";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bzpeer.graph");

    @Test
    void everyPackageTheRulesNameExists() {
        for (String layer : List.of("api", "application", "model", "store", "messaging")) {
            assertThat(CLASSES.stream().anyMatch(type -> type.getPackageName().equals(FEATURE + "." + layer)))
                    .as("package %s.%s has classes", FEATURE, layer).isTrue();
        }
    }

    @Test
    void theModelIsPlainJavaOverTheSchemas() {
        classes().that().resideInAPackage(FEATURE + ".model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", FEATURE + ".model..",
                        "org.bzpeer.schemas.events..")
                .check(CLASSES);
    }

    @Test
    void theStoreKnowsNothingOfHowItIsReachedOrServed() {
        noClasses().that().resideInAPackage(FEATURE + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURE + ".api..", FEATURE + ".messaging..",
                        FEATURE + ".application..")
                .check(CLASSES);
    }

    @Test
    void consumersOnlyHandEventsToTheApplication() {
        noClasses().that().resideInAPackage(FEATURE + ".messaging..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURE + ".store..", FEATURE + ".api..")
                .check(CLASSES);
    }

    @Test
    void nothingButTheApiDependsOnTheApi() {
        noClasses().that().resideOutsideOfPackage(FEATURE + ".api..")
                .should().dependOnClassesThat().resideInAPackage(FEATURE + ".api..")
                .check(CLASSES);
    }
}
