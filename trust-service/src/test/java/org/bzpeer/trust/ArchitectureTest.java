package org.bzpeer.trust;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import org.bzpeer.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering all services share, plus two rules of trust-service's own: the trust model is pure Java (not even
 * the event schemas), and the API reads through the application service, never the store. Rules fail when the
 * packages they name hold no classes, so a renamed package cannot make them pass silently.
 */
class ArchitectureTest {

    private static final String MODEL = "org.bzpeer.trust.assessment.model..";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bzpeer.trust");

    @Test
    void layersAreRespected() {
        ServiceArchitecture.check("org.bzpeer.trust", List.of("api", "application", "messaging", "model", "store"));
    }

    @Test
    void theTrustModelDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage(MODEL)
                .should().onlyDependOnClassesThat().resideInAnyPackage(MODEL, "java..")
                .check(CLASSES);
    }

    @Test
    void theApiReadsThroughTheApplicationService() {
        noClasses().that().resideInAPackage("org.bzpeer.trust.assessment.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bzpeer.trust.assessment.store..",
                        "org.bzpeer.trust.assessment.messaging..")
                .check(CLASSES);
    }
}
