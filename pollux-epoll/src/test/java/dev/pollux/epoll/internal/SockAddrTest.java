package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SockAddrTest {

  @Test
  void writesSockaddrInWithThePortAndAddressInNetworkOrder() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment storage = arena.allocate(SockAddr.STORAGE_BYTES).fill((byte) 0x55);
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 0x1f90);
      int length = SockAddr.write(storage, address);
      assertThat(length).as("sizeof(struct sockaddr_in)").isEqualTo(16);
      byte[] bytes = storage.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE);
      assertThat(bytes)
          .as("AF_INET (little-endian), port 8080 big-endian, 10.1.2.3, zero padding")
          .containsExactly(2, 0, 0x1f, (byte) 0x90, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0);
      assertThat(SockAddr.read(storage, length)).isEqualTo(address);
    }
  }

  @Test
  void roundTripsSockaddrIn6() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment storage = arena.allocate(SockAddr.STORAGE_BYTES);
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 65535);
      int length = SockAddr.write(storage, address);
      assertThat(length).as("sizeof(struct sockaddr_in6)").isEqualTo(28);
      assertThat(storage.get(ValueLayout.JAVA_SHORT, 0)).as("sin6_family").isEqualTo((short) 10);
      assertThat(storage.get(ValueLayout.JAVA_BYTE, 8))
          .as("first address byte")
          .isEqualTo((byte) 0x20);
      assertThat(SockAddr.read(storage, length)).isEqualTo(address);
      assertThat(SockAddr.family(address)).isEqualTo(SocketCalls.AF_INET6);
    }
  }

  @Test
  void readsAnIpv4MappedAddressAsIpv4() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment storage = arena.allocate(SockAddr.STORAGE_BYTES);
      SockAddr.write(storage, new InetSocketAddress(InetAddress.getByName("::ffff:127.0.0.1"), 9));
      InetSocketAddress read = SockAddr.read(storage, 28);
      assertThat(read.getAddress()).isInstanceOf(Inet4Address.class);
      assertThat(read.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void rejectsOtherFamiliesAndUnresolvedAddresses() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment storage = arena.allocate(SockAddr.STORAGE_BYTES);
      storage.set(ValueLayout.JAVA_SHORT, 0, (short) 1); // AF_UNIX
      assertThatThrownBy(() -> SockAddr.read(storage, 110))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not an IPv4 or IPv6 sockaddr: family 1, length 110");
      InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.org", 80);
      assertThatThrownBy(() -> SockAddr.write(storage, unresolved))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("unresolved address");
    }
  }
}
