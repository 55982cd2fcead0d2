package dev.pollux.epoll.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Socket addresses in native memory, in and out of {@link InetSocketAddress}:
 *
 * <pre>
 * struct sockaddr_in  { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr;
 *                       unsigned char sin_zero[8]; };                           // 16 bytes
 * struct sockaddr_in6 { sa_family_t sin6_family; in_port_t sin6_port; uint32_t sin6_flowinfo;
 *                       struct in6_addr sin6_addr; uint32_t sin6_scope_id; };   // 28 bytes
 * </pre>
 *
 * The family is in host order, the port and the address in network order (big-endian).
 */
public final class SockAddr {

  /** {@code sizeof(struct sockaddr_storage)}. */
  public static final int STORAGE_BYTES = 128;

  static final int IN_BYTES = 16;
  static final int IN6_BYTES = 28;

  private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT_UNALIGNED;
  private static final ValueLayout.OfShort PORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt SCOPE = ValueLayout.JAVA_INT_UNALIGNED;

  private SockAddr() {}

  /**
   * The family {@code address} needs: {@code AF_INET6} for an IPv6 address, else {@code AF_INET}.
   */
  public static int family(InetSocketAddress address) {
    return resolved(address) instanceof Inet6Address ? SocketCalls.AF_INET6 : SocketCalls.AF_INET;
  }

  /**
   * Writes {@code address} at the start of {@code storage} (zeroing what it uses) and returns its
   * length.
   */
  public static int write(MemorySegment storage, InetSocketAddress address) {
    InetAddress host = resolved(address);
    byte[] bytes = host.getAddress();
    int length = host instanceof Inet6Address ? IN6_BYTES : IN_BYTES;
    MemorySegment target = storage.asSlice(0, length).fill((byte) 0);
    boolean v6 = host instanceof Inet6Address;
    target.set(FAMILY, 0, (short) (v6 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET));
    target.set(PORT, 2, (short) address.getPort());
    MemorySegment.copy(MemorySegment.ofArray(bytes), 0, target, v6 ? 8 : 4, bytes.length);
    if (host instanceof Inet6Address v6Host) {
      target.set(SCOPE, 24, v6Host.getScopeId());
    }
    return length;
  }

  /**
   * Reads the address of {@code length} bytes at the start of {@code storage}.
   *
   * @throws IllegalArgumentException for a family other than IPv4 and IPv6, or a short length
   */
  public static InetSocketAddress read(MemorySegment storage, int length) {
    int family = storage.get(FAMILY, 0);
    int port = Short.toUnsignedInt(storage.get(PORT, 2));
    try {
      if (family == SocketCalls.AF_INET && length >= IN_BYTES) {
        byte[] bytes = storage.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
        return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
      }
      if (family == SocketCalls.AF_INET6 && length >= IN6_BYTES) {
        byte[] bytes = storage.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
        int scope = storage.get(SCOPE, 24);
        // An IPv4-mapped address (::ffff:a.b.c.d) comes back as the Inet4Address a.b.c.d.
        InetAddress host = InetAddress.getByAddress(bytes);
        if (host instanceof Inet6Address && scope != 0) {
          host = Inet6Address.getByAddress(null, bytes, scope);
        }
        return new InetSocketAddress(host, port);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address bytes of family " + family, e);
    }
    throw new IllegalArgumentException(
        "not an IPv4 or IPv6 sockaddr: family " + family + ", length " + length);
  }

  private static InetAddress resolved(InetSocketAddress address) {
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unresolved address: " + address);
    }
    return address.getAddress();
  }
}
