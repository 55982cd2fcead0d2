package dev.pollux.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's entry point: checks that the JVM is Java 25 or newer before any other Pollux class is
 * loaded, then hands over to {@link Main}. On an older Java, {@code java -jar pollux.jar} would
 * otherwise die with an {@code UnsupportedClassVersionError} stack trace; this class says in one
 * line which Java Pollux needs and how to get it, and exits 1.
 *
 * <p>It is compiled for Java 8 (its own compiler execution in this module's POM), so that every
 * Java still found on a device can load it. For the same reason it reads the {@code
 * java.specification.version} property ("1.8", "17", "25") rather than {@code Runtime.version()},
 * which Java 8 lacks, and reaches {@link Main} only through a method handle, never by name in code
 * an old verifier would resolve.
 */
public final class JavaVersionCheck {

  /** The Java feature release the rest of the jar is compiled for. */
  static final int REQUIRED = 25;

  private static final String MAIN = "dev.pollux.server.Main";

  private JavaVersionCheck() {}

  @SuppressForbidden // the command line is the one place that prints to the terminal
  public static void main(String[] args) throws Throwable {
    String problem = problem(System.getProperty("java.specification.version"));
    if (problem != null) {
      System.err.println(problem);
      System.exit(1);
    }
    MethodHandle main =
        MethodHandles.publicLookup()
            .findStatic(
                Class.forName(MAIN), "main", MethodType.methodType(void.class, String[].class));
    main.invokeExact(args);
  }

  /**
   * Returns the one-line complaint for a JVM whose {@code java.specification.version} is {@code
   * specification}, or null when that JVM can run Pollux.
   */
  static String problem(String specification) {
    int feature = feature(specification);
    if (feature >= REQUIRED) {
      return null;
    }
    return "pollux: needs Java "
        + REQUIRED
        + " or newer, but this is Java "
        + specification
        + "; install it with 'sudo apt install openjdk-"
        + REQUIRED
        + "-jre-headless' (Debian 13, Raspberry Pi OS trixie) or see docs/install.md";
  }

  /** "1.8" is 8, "17" is 17; anything unreadable counts as too old (0). */
  static int feature(String specification) {
    if (specification == null) {
      return 0;
    }
    String number =
        specification.startsWith("1.") ? specification.substring(2) : specification;
    int dot = number.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? number : number.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
