package dev.pollux.server;

import dev.pollux.server.metrics.AuthFigures;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Failed authentications counted per remote address across HTTP, WebSocket and TCP: an address that
 * failed {@link #MAX_FAILURES} times within {@link #WINDOW} of its first failure is refused — its
 * token not even compared, so a right guess is refused too — until that window ends. At 5 guesses a
 * minute, a 16-character random token is out of reach.
 *
 * <p>Design: one table for the whole process, bounded to {@link #MAX_ADDRESSES} entries in the
 * order their windows started; a flood of source addresses evicts the oldest windows, never grows
 * the table. An IPv6 address is counted by its /64 prefix, since one host commonly holds a whole
 * /64 and could otherwise try each guess from a new address. The table is guarded by {@code this},
 * held for one map operation and never across I/O, so event loops may call it; logging happens
 * after the lock is released, once per window and address.
 */
public final class AuthThrottle {

  /** Failed attempts an address may make within {@link #WINDOW}. */
  public static final int MAX_FAILURES = 5;

  /** The window that starts with an address's first failure. */
  public static final Duration WINDOW = Duration.ofSeconds(60);

  /** Addresses tracked at once; beyond it the oldest window is forgotten. */
  public static final int MAX_ADDRESSES = 4096;

  private static final System.Logger LOG = System.getLogger(AuthThrottle.class.getName());

  /** Where an attempt came from, as {@code /metrics} labels it. */
  public enum Protocol {
    HTTP,
    WEBSOCKET,
    TCP;

    /** The label, e.g. {@code websocket}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One address's window; guarded by the throttle. */
  private static final class Window {
    final long startNanos;
    int failures;
    boolean refusalLogged;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }

  private final LongSupplier nanoClock;
  private final int maxAddresses;
  private final long windowNanos = WINDOW.toNanos();
  private final Map<InetAddress, Window> windows; // guarded by this
  private final Map<Protocol, LongAdder> failures = adders();
  private final Map<Protocol, LongAdder> refusals = adders();

  /** A throttle on {@link System#nanoTime}. */
  public AuthThrottle() {
    this(System::nanoTime, MAX_ADDRESSES);
  }

  /** A throttle on another clock and table size, for tests. */
  AuthThrottle(LongSupplier nanoClock, int maxAddresses) {
    if (maxAddresses < 1) {
      throw new IllegalArgumentException("maxAddresses < 1: " + maxAddresses);
    }
    this.nanoClock = nanoClock;
    this.maxAddresses = maxAddresses;
    this.windows =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<InetAddress, Window> eldest) {
            return size() > AuthThrottle.this.maxAddresses;
          }
        };
  }

  /**
   * Nanoseconds until {@code address} may try again, or 0 when it may try now. A refusal is counted
   * and, the first time in a window, logged (without any token: the caller never passes it).
   */
  public long refusalNanos(InetAddress address, Protocol protocol) {
    long now = nanoClock.getAsLong();
    long waitNanos;
    boolean firstRefusal;
    synchronized (this) {
      Window window = windows.get(key(address));
      if (window == null || window.failures < MAX_FAILURES || expired(window, now)) {
        return 0;
      }
      waitNanos = Math.max(1, window.startNanos + windowNanos - now);
      firstRefusal = !window.refusalLogged;
      window.refusalLogged = true;
    }
    refusals.get(protocol).increment();
    if (firstRefusal) {
      LOG.log(
          Level.WARNING,
          "auth: {0} made {1} failed attempts within {2} s; its {3} attempts are refused for {4} s",
          address.getHostAddress(),
          Integer.toString(MAX_FAILURES),
          Long.toString(WINDOW.toSeconds()),
          protocol.label(),
          Long.toString(retryAfterSeconds(waitNanos)));
    }
    return waitNanos;
  }

  /** Counts a wrong token from {@code address}. */
  public void recordFailure(InetAddress address, Protocol protocol) {
    failures.get(protocol).increment();
    long now = nanoClock.getAsLong();
    InetAddress key = key(address);
    synchronized (this) {
      Window window = windows.get(key);
      if (window == null || expired(window, now)) {
        windows.remove(key); // re-inserted last: the table is ordered by window start
        window = new Window(now);
        windows.put(key, window);
      }
      window.failures++;
    }
  }

  /** Seconds for {@code Retry-After}: {@code waitNanos} rounded up, at least 1. */
  public static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
  }

  /** Wrong tokens since start from {@code protocol}. */
  public long failures(Protocol protocol) {
    return failures.get(protocol).sum();
  }

  /** Attempts refused since start from {@code protocol} because their address was throttled. */
  public long refusals(Protocol protocol) {
    return refusals.get(protocol).sum();
  }

  /**
   * The counts for {@code /metrics}, of the protocols served only: a server without TCP shows no
   * {@code protocol="tcp"} series.
   */
  public AuthFigures figures(boolean httpServed, boolean tcpServed) {
    Map<String, Long> failed = new LinkedHashMap<>();
    Map<String, Long> refused = new LinkedHashMap<>();
    for (Protocol protocol : Protocol.values()) {
      if (protocol == Protocol.TCP ? tcpServed : httpServed) {
        failed.put(protocol.label(), failures(protocol));
        refused.put(protocol.label(), refusals(protocol));
      }
    }
    return new AuthFigures(failed, refused);
  }

  /** Addresses in the table now, for tests. */
  synchronized int trackedAddresses() {
    return windows.size();
  }

  private boolean expired(Window window, long now) {
    return now - window.startNanos >= windowNanos;
  }

  /** The address itself, or for IPv6 its /64 prefix. */
  static InetAddress key(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] prefix = address.getAddress();
    Arrays.fill(prefix, 8, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }

  private static Map<Protocol, LongAdder> adders() {
    Map<Protocol, LongAdder> adders = new EnumMap<>(Protocol.class);
    for (Protocol protocol : Protocol.values()) {
      adders.put(protocol, new LongAdder());
    }
    return adders; // never changed after this: safe to read from any thread
  }
}
