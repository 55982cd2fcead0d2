package dev.pollux.testing.net;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link Leaks} as a JUnit extension: takes the baseline before each test (before the test's
 * {@code @BeforeEach} methods) and checks after it (after its {@code @AfterEach} methods, which
 * close what the test started) that the descriptors are back and no prefixed thread is alive.
 *
 * <pre>{@code
 * @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");
 * }</pre>
 *
 * <p>A test whose first use of a subsystem opens descriptors for the life of the process (jars, JDK
 * pollers, TLS providers) names a warm-up that runs before each baseline: {@code
 * LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce)}. The warm-up decides itself
 * whether it has run already.
 *
 * <p>A class whose tests share one server started in {@code @BeforeAll} checks around the whole
 * class instead, from a static field: {@code @RegisterExtension static final LeakCheck leaks =
 * LeakCheck.threadsNamed("pollux-").aroundAll();}
 */
public final class LeakCheck
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LeakCheck.class);

  private final String threadPrefix;
  private final Runnable warmUp;
  private final boolean aroundAll;

  private LeakCheck(String threadPrefix, Runnable warmUp, boolean aroundAll) {
    this.threadPrefix = threadPrefix;
    this.warmUp = warmUp;
    this.aroundAll = aroundAll;
  }

  /** Checks descriptors and threads named {@code threadPrefix...}. */
  public static LeakCheck threadsNamed(String threadPrefix) {
    return new LeakCheck(threadPrefix, () -> {}, false);
  }

  /** The same check, with {@code warmUp} run before each baseline is taken. */
  public LeakCheck afterWarmUp(Runnable warmUp) {
    return new LeakCheck(threadPrefix, warmUp, aroundAll);
  }

  /**
   * The same check around the whole class (before its {@code @BeforeAll} methods, after its {@code
   * AfterAll} methods) instead of around each test; register it from a static field.
   */
  public LeakCheck aroundAll() {
    return new LeakCheck(threadPrefix, warmUp, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (aroundAll) {
      takeBaseline(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (aroundAll) {
      checkReleased(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!aroundAll) {
      takeBaseline(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!aroundAll) {
      checkReleased(context);
    }
  }

  private void takeBaseline(ExtensionContext context) {
    warmUp.run();
    context.getStore(NAMESPACE).put(Leaks.class, Leaks.snapshot(threadPrefix));
  }

  private static void checkReleased(ExtensionContext context) {
    Leaks baseline = context.getStore(NAMESPACE).remove(Leaks.class, Leaks.class);
    if (baseline == null) {
      throw new IllegalStateException("no leak baseline for " + context.getDisplayName());
    }
    baseline.assertReleased();
  }
}
