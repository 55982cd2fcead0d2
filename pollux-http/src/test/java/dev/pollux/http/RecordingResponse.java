package dev.pollux.http;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link Response} that records what a handler did, for unit tests. */
final class RecordingResponse implements Response {

  int status = 200;
  final Map<String, String> headers = new LinkedHashMap<>();
  String body;
  boolean committed;

  @Override
  public Response status(int status) {
    this.status = status;
    return this;
  }

  @Override
  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  @Override
  public Response contentType(String type) {
    return header("Content-Type", type);
  }

  @Override
  public void send(byte[] body) {
    committed = true;
    this.body = new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void send(String body) {
    committed = true;
    this.body = body;
  }

  @Override
  public void send(ByteBuffer body) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    send(bytes);
  }

  @Override
  public void send() {
    send("");
  }

  @Override
  public void sendFile(FileChannel file, long position, long count) {
    throw new UnsupportedOperationException("not in unit tests");
  }

  @Override
  public void problem(int status, String detail) {
    status(status);
    contentType("application/problem+json");
    send(detail);
  }

  @Override
  public ResponseStream stream() {
    throw new UnsupportedOperationException("not in unit tests");
  }

  @Override
  public EventStream eventStream() {
    throw new UnsupportedOperationException("not in unit tests");
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public WebSocket upgradeToWebSocket(WebSocketListener listener, String... subprotocols) {
    throw new UnsupportedOperationException("no WebSocket in a recording");
  }
}
