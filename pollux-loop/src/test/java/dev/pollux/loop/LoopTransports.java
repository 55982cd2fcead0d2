package dev.pollux.loop;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The transports a {@link LoopFixture} class runs on: every name of {@link Transports#names()}, or,
 * for a class that overrides {@link LoopFixture#transport()} (another module's transport, such as
 * epoll), that one only.
 */
final class LoopTransports implements ArgumentsProvider {

  /** The argument of a class that chose its own transport. */
  static final String OVERRIDDEN = "own transport";

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    if (overridesTransport(context.getRequiredTestClass())) {
      return Stream.of(Arguments.of(OVERRIDDEN));
    }
    return Transports.names().stream().map(Arguments::of);
  }

  private static boolean overridesTransport(Class<?> testClass) {
    for (Class<?> c = testClass; c != LoopFixture.class && c != null; c = c.getSuperclass()) {
      if (Arrays.stream(c.getDeclaredMethods()).anyMatch(LoopTransports::isTransport)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransport(Method method) {
    return method.getName().equals("transport") && method.getParameterCount() == 0;
  }
}
