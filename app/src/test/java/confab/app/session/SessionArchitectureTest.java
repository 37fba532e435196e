package confab.app.session;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/// The client session stays plain Java: usable and testable without a UI toolkit.
class SessionArchitectureTest {
    private static final JavaClasses SESSION =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(Path.of("target/classes/confab/app/session"));

    @Test
    void theSessionPackageIsImported() {
        Assertions.assertThat(SESSION.containPackage("confab.app.session")).isTrue();
    }

    @Test
    void theSessionPackageUsesNoJavaFx() {
        noClasses()
                .that()
                .resideInAPackage("confab.app.session..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(SESSION);
    }

    @Test
    void theSessionPackageDoesNotDependOnTheRestOfTheApp() {
        noClasses()
                .that()
                .resideInAPackage("confab.app.session..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("confab.app")
                .check(SESSION);
    }
}
