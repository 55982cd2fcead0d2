package dev.pollux.testing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;

/**
 * The layers of design.md, each with the Pollux layers it may use. A module's {@code LayeringTest}
 * calls {@link #assertRespected()} on its own layer, so that a lower module importing a higher one
 * fails the build of the lower module, and {@link #assertNoForeignInternals()}, so that a class
 * reaching into another module's {@code internal} packages fails the build of the module that
 * reaches.
 *
 * <pre>
 * pollux-loop ← pollux-epoll
 *             ← pollux-http ← pollux-server → pollux-device
 *                                           → pollux-gpio
 * pollux-bench → all of them
 * </pre>
 */
public enum Layer {
  LOOP("dev.pollux.loop"),
  EPOLL("dev.pollux.epoll"),
  HTTP("dev.pollux.http"),
  DEVICE("dev.pollux.device"),
  GPIO("dev.pollux.gpio"),
  SERVER("dev.pollux.server"),
  BENCH("dev.pollux.bench");

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
      case BENCH -> List.of(LOOP, EPOLL, HTTP, DEVICE, GPIO, SERVER);
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

  /**
   * Fails when a class of this layer, main or test code, depends on a class in another layer's
   * {@code internal} packages ({@code dev.pollux.<layer>..internal..}), unless a {@link
   * QualifiedExport} opens that package to this layer. Test classes count: a test that reaches into
   * another module's internals pins that module's implementation from outside it.
   */
  public void assertNoForeignInternals() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(basePackage);
    noClasses()
        .that()
        .resideInAPackage(basePackage + "..")
        .should()
        .dependOnClassesThat(internalToAnotherLayer())
        .because(
            "design.md: a module's internal packages are its own; only a QualifiedExport opens one"
                + " to another module")
        .check(classes);
  }

  /** The classes in another layer's internal packages that no qualified export opens to this. */
  private DescribedPredicate<JavaClass> internalToAnotherLayer() {
    List<QualifiedExport> exports =
        QualifiedExport.ALL.stream().filter(export -> export.to() == this).toList();
    return DescribedPredicate.describe(
        "are internal to another module" + (exports.isEmpty() ? "" : ", outside " + exports),
        type ->
            Arrays.stream(values())
                .filter(owner -> owner != this && owner.ownsInternal(type))
                .anyMatch(owner -> exports.stream().noneMatch(export -> export.opens(type))));
  }

  /** Whether {@code type} lies in one of this layer's internal packages. */
  boolean ownsInternal(JavaClass type) {
    return resideInAPackage(basePackage + "..internal..").test(type);
  }
}
