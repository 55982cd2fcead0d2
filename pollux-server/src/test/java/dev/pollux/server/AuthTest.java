package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The token comparison of {@link Auth}: what it accepts, and that it is {@link
 * java.security.MessageDigest#isEqual} (constant time in the candidate) rather than an early-exit
 * comparison — checked on the compiled class, not by timing, which no test can do reliably.
 */
class AuthTest {

  private static final String TOKEN = "s3cret-t0ken";

  @Test
  void acceptsOnlyTheExactToken() {
    Auth auth = new Auth(Optional.of(TOKEN));

    assertThat(auth.accepts(TOKEN)).as("accepts(the token)").isTrue();
    for (String wrong :
        new String[] {
          "",
          "s",
          "s3cret",
          TOKEN.substring(0, TOKEN.length() - 1),
          TOKEN + "x",
          TOKEN + " ",
          " " + TOKEN,
          TOKEN.toUpperCase(Locale.ROOT),
          "x3cret-t0ken",
          "s3cret-t0kem",
          "s3cret-t0ken\0"
        }) {
      assertThat(auth.accepts(wrong)).as("accepts('%s')", wrong).isFalse();
    }
    assertThat(auth.accepts(null)).as("accepts(null)").isFalse();
  }

  @Test
  void withoutATokenNothingIsAccepted() {
    Auth auth = new Auth(Optional.empty());

    assertThat(auth.enabled()).as("enabled() without a token").isFalse();
    assertThat(auth.accepts("")).as("accepts('') without a token").isFalse();
    assertThat(auth.accepts("anything")).as("accepts('anything') without a token").isFalse();
    assertThat(auth.accepts(null)).as("accepts(null) without a token").isFalse();
  }

  @Test
  void comparesNonAsciiTokensByTheirUtf8Bytes() {
    Auth auth = new Auth(Optional.of("clé-€"));

    assertThat(auth.accepts("clé-€")).as("accepts the same non-ASCII token").isTrue();
    assertThat(auth.accepts("cle-€")).as("accepts one differing accent").isFalse();
  }

  @Test
  void neverShowsTheTokenAsText() {
    assertThat(new Auth(Optional.of(TOKEN)).toString())
        .as("Auth.toString()")
        .doesNotContain(TOKEN)
        .isEqualTo("Auth[token set]");
  }

  /**
   * The class calls {@code MessageDigest.isEqual} and no early-exit comparison ({@code
   * String.equals}, {@code Arrays.equals}, {@code contentEquals}): a refactoring to one of those
   * fails here. The names are in the class file's constant pool as UTF-8.
   */
  @Test
  void comparesWithMessageDigestIsEqualOnly() throws IOException {
    String classFile;
    try (InputStream in = Auth.class.getResourceAsStream("Auth.class")) {
      assertThat(in).as("Auth.class on the test classpath").isNotNull();
      classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    assertThat(classFile)
        .as("the constant pool of Auth.class")
        .contains("java/security/MessageDigest")
        .contains("isEqual")
        .doesNotContain("java/util/Arrays")
        .doesNotContain("contentEquals")
        .doesNotContain("equalsIgnoreCase")
        .doesNotContain("compareTo");
    assertThat(countOf(classFile, "equals"))
        .as("'equals' in Auth.class other than java.lang.Object's own (not called)")
        .isZero();
  }

  private static int countOf(String text, String word) {
    int count = 0;
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      count++;
    }
    return count;
  }
}
