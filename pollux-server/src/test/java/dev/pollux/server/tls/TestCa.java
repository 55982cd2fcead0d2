package dev.pollux.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A test CA and a server certificate for 127.0.0.1 it signed, made with the {@code openssl}
 * command: {@code ca.pem}, {@code fullchain.pem} (server then CA) and {@code server.key} (RSA,
 * PKCS#8), as a real deployment has them. Without openssl the test is skipped, or fails when {@code
 * CI=true}.
 */
record TestCa(Path caPem, Path fullChain, Path serverKey) {

  static TestCa make(Path dir) throws IOException {
    requireTool("openssl");
    Path caKey = dir.resolve("ca.key");
    Path caPem = dir.resolve("ca.pem");
    Path key = dir.resolve("server.key");
    Path csr = dir.resolve("server.csr");
    Path cert = dir.resolve("server.pem");
    Path ext =
        Files.writeString(
            dir.resolve("server.ext"),
            """
                subjectAltName=IP:127.0.0.1,DNS:localhost
                basicConstraints=CA:FALSE
                keyUsage=digitalSignature,keyEncipherment
                extendedKeyUsage=serverAuth
                """);
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        caKey.toString(),
        "-out",
        caPem.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=Pollux Test CA");
    run(
        dir,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString(),
        "-subj",
        "/CN=127.0.0.1");
    run(
        dir,
        "openssl",
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        caPem.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-extfile",
        ext.toString());
    Path fullChain = dir.resolve("fullchain.pem");
    Files.writeString(fullChain, Files.readString(cert) + Files.readString(caPem));
    return new TestCa(caPem, fullChain, key);
  }

  /** Skips the test without {@code tool} on the PATH, or fails when {@code CI=true}. */
  static void requireTool(String tool) {
    boolean found =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    if (!found && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is not on the PATH, and CI=true requires it");
    }
    Assumptions.assumeTrue(found, tool + " is not on the PATH");
  }

  /** Runs {@code command} in {@code dir} to its end; returns its output (stdout and stderr). */
  static String run(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + command[0], e);
    }
    assertThat(process.exitValue())
        .as("exit status of %s; output:%n%s", String.join(" ", command), output)
        .isZero();
    return output;
  }
}
