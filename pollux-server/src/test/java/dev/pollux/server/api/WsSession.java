package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket on {@code GET /api/v1/ws} with the JDK's client, for command-and-answer tests: the
 * readings it streams are kept apart from the answers ({@code {"ok":...}} or {@code
 * {"error":...}}). Every message received is kept, for checks on what the server ever sent.
 */
final class WsSession implements AutoCloseable {

  private final HttpClient http = HttpClient.newHttpClient();
  private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final List<String> all = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private WsSession(int port) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + port + "/api/v1/ws");
    socket =
        http.newWebSocketBuilder()
            .buildAsync(uri, new Collector())
            .get(ApiClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  /** The code of the server's close frame, waiting for it up to the deadline. */
  int closeCode() throws Exception {
    return closeCode.get(ApiClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  static WsSession open(int port) throws Exception {
    return new WsSession(port);
  }

  /** Sends {@code command} and returns the next answer, skipping readings. */
  Map<String, Object> ask(String command) throws Exception {
    socket.sendText(command, true).get(ApiClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
    while (true) {
      String message = messages.poll(ApiClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(message).as("a WebSocket answer to '%s'", command).isNotNull();
      Map<String, Object> json = JSON.std.mapFrom(message);
      // A reading has an "id" (and an "error" when its sensor fails): not an answer.
      if (!json.containsKey("id") && (json.containsKey("ok") || json.containsKey("error"))) {
        return json;
      }
    }
  }

  /** Every text message received so far. */
  List<String> received() {
    return new ArrayList<>(all);
  }

  @Override
  public void close() {
    if (closeCode.isDone()) {
      http.close(); // the server closed it; the JDK client has answered its close frame
      return;
    }
    try {
      socket
          .sendClose(WebSocket.NORMAL_CLOSURE, "")
          .get(ApiClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted closing the WebSocket", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("closing the WebSocket", e);
    } finally {
      http.close();
    }
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(text.toString());
        all.add(text.toString());
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }
  }
}
