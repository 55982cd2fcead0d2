package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1|9000|127.0.0.1:9000",
        "::1|80|[::1]:80",
        "::|8080|[::]:8080",
        "fe80::1:2|1|[fe80::1:2]:1",
        "2001:db8:0:0:1:0:0:1|443|[2001:db8::1:0:0:1]:443",
        "2001:db8:0:1:1:1:1:1|443|[2001:db8:0:1:1:1:1:1]:443",
        "2001:0:0:1:0:0:0:1|443|[2001:0:0:1::1]:443",
        "1:0:0:0:0:0:0:0|443|[1::]:443",
      })
  void writesAddressesAsPeopleTypeThem(String literal, int port, String expected)
      throws UnknownHostException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(literal), port);

    assertThat(HostPort.of(address)).isEqualTo(expected);
  }
}
