package dev.pollux.server.api;

import dev.pollux.gpio.ChipListing;
import dev.pollux.gpio.GpioChips;
import dev.pollux.gpio.LineInfo;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.Request;
import dev.pollux.http.Response;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code GET /api/v1/gpio}: every GPIO chip and its lines as {@code gpioinfo} shows them (name,
 * offset, consumer, direction, used), so that a person finds the line to configure. The chips are
 * read on the blocking executor: each line is an ioctl.
 */
final class GpioRoute {

  private static final System.Logger LOG = System.getLogger(GpioRoute.class.getName());

  private final GpioChips chips;
  private final Executor blocking;

  GpioRoute(GpioChips chips, Executor blocking) {
    this.chips = chips;
    this.blocking = blocking;
  }

  void handle(Request request, Response response) {
    blocking.execute(
        () -> {
          List<ChipListing> listings;
          try {
            listings = ChipListing.read(chips);
          } catch (IOException e) {
            LOG.log(Level.WARNING, "GET /api/v1/gpio: " + e.getMessage(), e);
            response.problem(HttpStatus.INTERNAL_SERVER_ERROR, "the GPIO chips could not be read");
            return;
          }
          response.contentType(HttpApi.JSON).send(JsonViews.toJson(json(listings)));
        });
  }

  /** {@code {"chips":[{"name":"gpiochip0","label":"...","lines":[{"offset":0,...}]}]}} */
  static Map<String, Object> json(List<ChipListing> listings) {
    List<Object> chipList = new ArrayList<>(listings.size());
    for (ChipListing listing : listings) {
      List<Object> lines = new ArrayList<>(listing.lines().size());
      for (LineInfo line : listing.lines()) {
        lines.add(line(line));
      }
      Map<String, Object> chip = new LinkedHashMap<>(4);
      chip.put("name", listing.chip().name());
      chip.put("label", listing.chip().label());
      chip.put("lines", lines);
      chipList.add(chip);
    }
    return Map.of("chips", chipList);
  }

  private static Map<String, Object> line(LineInfo line) {
    Map<String, Object> json = new LinkedHashMap<>(12);
    json.put("offset", line.offset());
    json.put("name", line.name());
    json.put("consumer", line.consumer());
    json.put("used", line.used());
    json.put("direction", line.direction().wireName());
    json.put("activeLow", line.activeLow());
    json.put("bias", line.bias().wireName());
    json.put("edge", line.edge().wireName());
    json.put("debounceMicros", line.debounce().toNanos() / 1000);
    return json;
  }
}
