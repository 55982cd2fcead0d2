package dev.pollux.testing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;

/**
 * A declared exception to the rule that a module's {@code internal} packages are its own, like
 * JPMS's {@code exports p to m}: the packages {@code packages} of layer {@code owner} may be used
 * by the classes of layer {@code to}, and by no other. Each one says why.
 *
 * @param owner the layer whose internal packages are opened
 * @param packages ArchUnit package patterns inside {@code owner}'s internal packages, e.g. {@code
 *     dev.pollux.http.internal.codec..}
 * @param to the one layer that may use them
 * @param reason why the exception exists, for the reader of {@link Layer}
 */
public record QualifiedExport(Layer owner, List<String> packages, Layer to, String reason) {

  /**
   * The HTTP/1.1 codec, opened to the JMH benchmarks: {@code RequestParserBenchmark} measures the
   * request parser itself, which has no public API of its own.
   */
  public static final QualifiedExport HTTP_CODEC_TO_BENCH =
      new QualifiedExport(
          Layer.HTTP,
          List.of("dev.pollux.http.internal.codec.."),
          Layer.BENCH,
          "the JMH RequestParserBenchmark measures pollux-http's request parser directly");

  /** Every qualified export there is: adding one is a design decision, made here. */
  public static final List<QualifiedExport> ALL = List.of(HTTP_CODEC_TO_BENCH);

  public QualifiedExport {
    packages = List.copyOf(packages);
    for (String pattern : packages) {
      if (!pattern.startsWith(owner.basePackage() + ".internal")) {
        throw new IllegalArgumentException("not an internal package of " + owner + ": " + pattern);
      }
    }
  }

  /** Whether {@code type} lies in the packages this export opens. */
  public boolean opens(JavaClass type) {
    return owner.ownsInternal(type)
        && resideInAnyPackage(packages.toArray(String[]::new)).test(type);
  }

  @Override
  public String toString() {
    return owner + " " + packages + " to " + to;
  }
}
