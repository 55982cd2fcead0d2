package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.internal.websocket.FrameParserTestSupport;
import dev.pollux.loop.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The equivalent of Autobahn|Testsuite sections 1-7 and 9 against an echo server, as a table: each
 * row sends frames and expects the server's frames in order. A row that does not end in a close
 * frame is followed by a client close 1000, answered with 1000. After every row the server has
 * closed the TCP connection (when it failed the connection, right after its close frame: RFC 6455
 * §7.1.7).
 */
@OnEveryTransport
class WebSocketProtocolIT {

  private static final int MAX = 64 * 1024;
  private static TestServer server;

  /** One row: what is sent, what must come back. */
  @SuppressWarnings("ArrayRecordComponent") // a test row, never compared
  record Case(String name, byte[] send, List<String> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The transport of this run, also given to {@link #start}. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void start(Transport transport) throws Exception {
    WebSocketListener echo =
        new WebSocketListener() {
          @Override
          public void onText(WebSocket socket, String text) {
            socket.sendText(text);
          }

          @Override
          public void onBinary(WebSocket socket, byte[] data) {
            socket.sendBinary(data);
          }
        };
    server =
        new TestServer(
            transport,
            Router.create().get("/echo", (q, r) -> r.upgradeToWebSocket(echo)),
            HttpServerOptions.builder().webSocketMaxMessageBytes(MAX).build());
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    server.close();
  }

  private static final Random RANDOM = new Random(6455);

  private static byte[] f(boolean fin, int opcode, byte[] payload) {
    return WsClient.frame(fin, opcode, payload, RANDOM);
  }

  private static byte[] f(boolean fin, int opcode, String text) {
    return f(fin, opcode, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] rsv(int rsv, int opcode) {
    return FrameParserTestSupport.frame(
        true, rsv, opcode, "x".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3, 4});
  }

  private static byte[] close(int code, byte[] reason) {
    byte[] payload = new byte[2 + reason.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(reason, 0, payload, 2, reason.length);
    return f(true, 8, payload);
  }

  private static byte[] bytes(int length) {
    byte[] b = new byte[length];
    new Random(length).nextBytes(b);
    return b;
  }

  private static byte[] text(int length) {
    return "*".repeat(length).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] join(byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }

  private static Case c(String name, byte[] send, String... expect) {
    return new Case(name, send, List.of(expect));
  }

  private static String t(byte[] payload) {
    return "text:" + WsClient.describe(payload);
  }

  private static String b(byte[] payload) {
    return "binary:" + WsClient.describe(payload);
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // 1: framing, text and binary of every length encoding
    for (int n : new int[] {0, 125, 126, 127, 128, 65535, 65536}) {
      cases.add(c("1.1 text " + n, f(true, 1, text(n)), t(text(n))));
      cases.add(c("1.2 binary " + n, f(true, 2, bytes(n)), b(bytes(n))));
    }
    // 2: pings and pongs
    cases.add(c("2.1 ping empty", f(true, 9, new byte[0]), "pong:"));
    cases.add(
        c("2.3 ping binary", f(true, 9, hex("00ff fe fd".replace(" ", ""))), "pong:00fffefd"));
    cases.add(c("2.4 ping 125", f(true, 9, bytes(125)), "pong:" + WsClient.describe(bytes(125))));
    cases.add(c("2.5 ping 126", f(true, 9, bytes(126)), "close:1002"));
    cases.add(c("2.6 unsolicited pong", join(f(true, 10, "x"), f(true, 1, "a")), "text:61"));
    cases.add(
        c(
            "2.10 ten pings",
            join(Stream.generate(() -> f(true, 9, "p")).limit(10).toArray(byte[][]::new)),
            Stream.generate(() -> "pong:70").limit(10).toArray(String[]::new)));
    // 3: reserved bits
    for (int r = 1; r <= 7; r++) {
      cases.add(c("3." + r + " rsv " + r, rsv(r, 1), "close:1002"));
    }
    cases.add(
        c(
            "3.x rsv after a good message",
            join(f(true, 1, "ok"), rsv(1, 1)),
            "text:6f6b",
            "close:1002"));
    // 4: reserved opcodes
    for (int op : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
      cases.add(c("4 opcode " + op, f(true, op, "x"), "close:1002"));
    }
    // 5: fragmentation
    cases.add(c("5.1 fragmented ping", f(false, 9, "x"), "close:1002"));
    cases.add(c("5.2 fragmented pong", f(false, 10, "x"), "close:1002"));
    cases.add(
        c(
            "5.3 text in two fragments",
            join(f(false, 1, "fra"), f(true, 0, "gment")),
            "text:" + WsClient.describe("fragment".getBytes(StandardCharsets.UTF_8))));
    cases.add(
        c(
            "5.6 ping between fragments",
            join(f(false, 1, "fra"), f(true, 9, "p"), f(true, 0, "gment")),
            "pong:70",
            "text:" + WsClient.describe("fragment".getBytes(StandardCharsets.UTF_8))));
    cases.add(c("5.9 continuation without a start", f(true, 0, "x"), "close:1002"));
    cases.add(
        c(
            "5.15 new text inside a fragmented one",
            join(f(false, 1, "a"), f(true, 1, "b")),
            "close:1002"));
    cases.add(
        c(
            "5.19 many fragments with pings",
            join(
                f(false, 2, hex("01")),
                f(false, 0, hex("02")),
                f(true, 9, new byte[0]),
                f(false, 0, new byte[0]),
                f(true, 0, hex("03"))),
            "pong:",
            "binary:010203"));
    // 6: UTF-8
    cases.add(
        c(
            "6.2 valid split inside a code point",
            join(f(false, 1, hex("cebae1")), f(true, 0, hex("bdb9cf83cebcceb5"))),
            "text:cebae1bdb9cf83cebcceb5"));
    cases.add(
        c(
            "6.3 invalid in one frame",
            f(true, 1, hex("cebae1bdb9cf83cebcceb5eda080656469746564")),
            "close:1007"));
    cases.add(
        c(
            "6.4 invalid fails fast in the first fragment",
            f(false, 1, hex("cebae1bdb9f4908080")),
            "close:1007"));
    cases.add(
        c(
            "6.x cut short at the end",
            join(f(false, 1, hex("ce")), f(true, 0, new byte[0])),
            "close:1007"));
    cases.add(c("6.x surrogate", f(true, 1, hex("eda080")), "close:1007"));
    cases.add(c("6.x overlong", f(true, 1, hex("c0af")), "close:1007"));
    // 7: close
    cases.add(c("7.1 close empty", f(true, 8, new byte[0]), "close:1005"));
    cases.add(
        c(
            "7.1.x text after close is not answered",
            join(f(true, 8, new byte[0]), f(true, 1, "late")),
            "close:1005"));
    cases.add(c("7.3.2 close of one byte", f(true, 8, hex("03")), "close:1002"));
    cases.add(c("7.3.6 close with a reason of 123 bytes", close(1000, text(123)), "close:1000"));
    cases.add(c("7.3.x close reason invalid UTF-8", close(1000, hex("ff")), "close:1007"));
    for (int code :
        new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
      cases.add(c("7.7 valid code " + code, close(code, new byte[0]), "close:" + code));
    }
    for (int code :
        new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
      cases.add(c("7.9 invalid code " + code, close(code, new byte[0]), "close:1002"));
    }
    // 9: limits
    cases.add(c("9.1 text of exactly the maximum", f(true, 1, text(MAX)), t(text(MAX))));
    cases.add(c("9.1 text over the maximum", f(true, 1, text(MAX + 1)), "close:1009"));
    cases.add(
        c(
            "9.2 fragments over the maximum",
            join(f(false, 2, bytes(MAX / 2)), f(false, 0, bytes(MAX / 2)), f(true, 0, bytes(1))),
            "close:1009"));
    cases.add(
        c(
            "9.x unmasked frame",
            FrameParserTestSupport.frame(true, 0, 1, text(3), null),
            "close:1002"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeAutobahnExpects(Case row) throws Exception {
    try (WsClient client = WsClient.connect(server.address(), "/echo")) {
      assertThat(client.status).as("%s: handshake status", row.name).isEqualTo(101);
      client.send(row.send);
      List<String> expected = new ArrayList<>(row.expect);
      boolean closes = expected.getLast().startsWith("close:");
      if (!closes) {
        client.sendClose(1000);
        expected.add("close:1000");
      }
      List<String> seen = new ArrayList<>();
      while (seen.size() < expected.size()) {
        WsClient.Frame frame = client.read();
        seen.add(frame.describe());
        if (frame.opcode() == 8) {
          break;
        }
      }
      assertThat(seen).as("%s: frames from the server", row.name).isEqualTo(expected);
      assertThat(client.closedByServer()).as("%s: TCP closed by the server", row.name).isTrue();
    }
  }
}
