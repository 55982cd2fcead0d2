package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The jar's entry point: which Java versions it lets through, the line it prints for the others,
 * and that it is compiled for Java 8 so that an old JVM can load it at all. (bin/test-package runs
 * the jar under a real Java 17.)
 */
class JavaVersionCheckTest {

  @Test
  void readsTheFeatureReleaseOfOldAndNewSpecificationVersions() {
    assertThat(JavaVersionCheck.feature("1.8")).isEqualTo(8);
    assertThat(JavaVersionCheck.feature("11")).isEqualTo(11);
    assertThat(JavaVersionCheck.feature("25")).isEqualTo(25);
    assertThat(JavaVersionCheck.feature("26.1")).isEqualTo(26);
    assertThat(JavaVersionCheck.feature("")).isZero();
    assertThat(JavaVersionCheck.feature("x")).isZero();
    assertThat(JavaVersionCheck.feature(null)).isZero();
  }

  @Test
  void letsJava25AndNewerThrough() {
    assertThat(JavaVersionCheck.problem("25")).isNull();
    assertThat(JavaVersionCheck.problem("26")).isNull();
    assertThat(JavaVersionCheck.problem(System.getProperty("java.specification.version"))).isNull();
  }

  @Test
  void tellsAnOlderJavaInOneLineWhatToInstall() {
    for (String old : new String[] {"1.8", "11", "17", "21", "24", "garbage"}) {
      assertThat(JavaVersionCheck.problem(old))
          .as("problem(%s)", old)
          .startsWith("pollux: needs Java 25 or newer")
          .contains("Java " + old)
          .contains("apt install openjdk-25-jre-headless")
          .doesNotContain("\n");
    }
  }

  @Test
  void isCompiledForJava8() throws IOException {
    try (InputStream in = JavaVersionCheck.class.getResourceAsStream("JavaVersionCheck.class");
        DataInputStream data = new DataInputStream(in)) {
      assertThat(data.readInt()).as("magic").isEqualTo(0xCAFEBABE);
      data.readUnsignedShort(); // minor version
      assertThat(data.readUnsignedShort()).as("class file major version").isEqualTo(52);
    }
  }
}
