package org.bzpeer.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service follows inside each feature package: {@code api} (HTTP in) and {@code messaging}
 * (events in) call {@code application}; {@code application} uses {@code store} and {@code model}; {@code store}
 * knows nothing above it; {@code model} is free of Spring. Checked on the compiled classes of a service.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /**
     * Checks the rules on every class under {@code basePackage}, after checking that each of {@code layers} really
     * exists there (a rule about a package that does not exist would pass without checking anything).
     */
    public static void check(String basePackage, List<String> layers) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        Set<String> present = classes.stream()
                .flatMap(type -> List.of(type.getPackageName().split("\\.")).stream())
                .collect(Collectors.toSet());
        assertThat(present).as("layers of %s", basePackage).containsAll(layers);

        noClasses().that().resideInAPackage("..store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ourLayers("api", "messaging", "application"))
                .because("the store is the bottom layer").allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("..application..")
                .should().dependOnClassesThat().resideInAnyPackage(ourLayers("api", "messaging"))
                .because("use cases do not know how they are called").allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("..messaging..")
                .should().dependOnClassesThat().resideInAnyPackage(ourLayers("api", "store"))
                .because("consumers hand events to application services").allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("..model..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("the domain model is plain Java").allowEmptyShould(true).check(classes);
    }

    /**
     * Package patterns of the {@code names} layers of any BZPEER module, so that a library's package of the same name
     * (io.r2dbc.postgresql.api, say) is not taken for one of ours.
     */
    private static String[] ourLayers(String... names) {
        return Stream.of(names).map(name -> "org.bzpeer.." + name + "..").toArray(String[]::new);
    }
}
