package dev.pollux.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;

/**
 * The layers of design.md, each with the Pollux layers it may use. A module's {@code LayeringTest}
 * calls {@link #assertRespected()} on its own layer, so that a lower module importing a higher one
 * fails the build of the lower module.
 *
 * <pre>
 * pollux-loop ← pollux-epoll
 *             ← pollux-http ← pollux-server → pollux-device
 *                                           → pollux-gpio
 * </pre>
 */
public enum Layer {
  LOOP("dev.pollux.loop"),
  EPOLL("dev.pollux.epoll"),
  HTTP("dev.pollux.http"),
  DEVICE("dev.pollux.device"),
  GPIO("dev.pollux.gpio"),
  SERVER("dev.pollux.server");

  private final String basePackage;

  Layer(String basePackage) {
    this.basePackage = basePackage;
  }

  /** The layers this one may use, as the table of design.md gives them. */
  public List<Layer> allowed() {
    return switch (this) {
      case LOOP, DEVICE, GPIO -> List.of();
      case EPOLL, HTTP -> List.of(LOOP);
      case SERVER -> List.of(LOOP, EPOLL, HTTP, DEVICE, GPIO);
    };
  }

  /** The base package of this layer, e.g. {@code dev.pollux.loop}. */
  public String basePackage() {
    return basePackage;
  }

  /** Fails when a class of this layer's main code depends on a Pollux layer it may not use. */
  public void assertRespected() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(basePackage);
    String[] forbidden =
        Arrays.stream(values())
            .filter(layer -> layer != this && !allowed().contains(layer))
            .map(layer -> layer.basePackage + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(basePackage + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .because("design.md: a lower layer never imports a higher one")
        .check(classes);
  }
}
