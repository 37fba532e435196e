package confab.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The layering of `docs/ARCHITECTURE` and DESIGN.md, checked on the compiled main classes of
/// every module, so that it holds even where `module-info` alone would allow more.
class ArchitectureTest {
    private static JavaClasses all;

    @BeforeAll
    static void importAllModules() {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> outputs =
                List.of("crypto", "host-engine", "app").stream()
                        .map(module -> root.resolve(module).resolve("target/classes"))
                        .toList();
        outputs.forEach(
                dir -> {
                    if (!Files.isDirectory(dir)) {
                        throw new IllegalStateException("not compiled: " + dir);
                    }
                });
        all =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPaths(outputs);
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : List.of("confab.crypto", "confab.host", "confab.app")) {
            org.assertj.core.api.Assertions.assertThat(
                            all.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as(pkg)
                    .isTrue();
        }
    }

    @Test
    void cryptoUsesOnlyJdkGsonAndBouncyCastle() {
        classes()
                .that()
                .resideInAPackage("confab.crypto..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "confab.crypto..",
                        "java..",
                        "javax.crypto..",
                        "com.google.gson..",
                        "org.bouncycastle..")
                .check(all);
    }

    @Test
    void cryptoOpensNoSocketsAndStartsNoThreads() {
        noClasses()
                .that()
                .resideInAPackage("confab.crypto..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net..", "java.nio.channels..", "java.util.concurrent..")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Thread.class)
                .check(all);
    }

    @Test
    void noJavaFxOutsideTheApp() {
        noClasses()
                .that()
                .resideOutsideOfPackage("confab.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(all);
    }

    @Test
    void hostDoesNotKnowTheApp() {
        noClasses()
                .that()
                .resideInAnyPackage("confab.host..", "confab.crypto..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("confab.app..")
                .check(all);
    }

    @Test
    void noJavaNativeSerializationAnywhere() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .areAssignableTo(java.io.ObjectInputStream.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.io.ObjectOutputStream.class)
                .check(all);
    }

    @Test
    void clientSessionHasNoJavaFx() {
        noClasses()
                .that()
                .resideInAPackage("confab.app.session..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(all);
    }

    @Test
    void viewModelsKnowNoSceneGraph() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx.scene..")
                .check(all);
    }

    @Test
    void viewModelsDoNotTouchTheFxThread() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx.application..")
                .check(all);
    }
}
