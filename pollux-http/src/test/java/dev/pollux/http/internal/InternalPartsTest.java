package dev.pollux.http.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The parts of pollux-http's implementation depend on each other in one direction, as the package
 * documentation of {@code dev.pollux.http.internal} draws them: the connection uses the others, and
 * the codec uses none.
 */
class InternalPartsTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.pollux.http.internal");

  @Test
  void partsHaveNoCycles() {
    slices().matching("dev.pollux.http.internal.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheConnectionUsesTheConnection() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.pollux.http.internal.connection..")
        .and()
        .resideInAPackage("dev.pollux.http.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.pollux.http.internal.connection..")
        .check(CLASSES);
  }

  @Test
  void theCodecUsesNoOtherPart() {
    noClasses()
        .that()
        .resideInAPackage("dev.pollux.http.internal.codec..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.pollux.http.internal.connection..",
            "dev.pollux.http.internal.routing..",
            "dev.pollux.http.internal.streams..",
            "dev.pollux.http.internal.websocket..")
        .check(CLASSES);
  }
}
