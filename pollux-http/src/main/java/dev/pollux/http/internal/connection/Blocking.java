package dev.pollux.http.internal.connection;

import dev.pollux.http.Handler;
import dev.pollux.http.Request;

/**
 * Runs a handler on a virtual thread (see {@link Handler#blocking}). The request stays valid while
 * it runs, since the connection parses nothing more until this response is complete; the response's
 * completing methods carry the bytes back to the loop.
 */
public final class Blocking {

  private Blocking() {}

  /** {@code handler}, run on a new virtual thread per request. */
  public static Handler wrap(Handler handler) {
    return (request, response) -> {
      HttpRequest detached = ((HttpRequest) request).detach();
      HttpResponse target = (HttpResponse) response;
      int generation = target.generation(); // read on the loop, before the handler can complete
      Thread.ofVirtual()
          .name("pollux-http-blocking")
          .start(() -> run(handler, detached, target, generation));
    };
  }

  private static void run(Handler handler, Request request, HttpResponse response, int generation) {
    try {
      handler.handle(request, response);
    } catch (Exception | Error e) {
      response.failed(e, generation);
    }
  }
}
