package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pollux.device.Device;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node_exporter series that cannot be pointed at a fake tree, checked against the real machine
 * with node_exporter 1.5 running beside us: {@code node_uname_info} comes from the {@code uname(2)}
 * call and {@code node_time_seconds} from the clock, in both programs.
 */
class NodeExporterHostIT {
  @TempDir Path dir;

  @Test
  void unameAndTimeMatchNodeExporterOnThisMachine() throws Exception {
    Path binary = ExternalTool.require("prometheus-node-exporter", "prometheus-node-exporter");
    int port = LocalProcess.freePort();
    Exposition node;
    try (LocalProcess nodeExporter =
        LocalProcess.start(
            List.of(
                binary.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults",
                "--collector.uname",
                "--collector.time"),
            dir.resolve("node_exporter.log"),
            URI.create("http://127.0.0.1:" + port + "/"),
            "metrics")) {
      node = Exposition.parse(nodeExporter.get("metrics").body());
    }
    Exposition pollux;
    try (Device device = HardwareTree.open(HardwareTree.build(dir.resolve("tree")))) {
      Metrics metrics = new Metrics(device, "test", "0.1.0", "nio");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      metrics.writeTo(out);
      pollux = Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }

    List<Exposition.Series> uname = node.named("node_uname_info");
    assertThat(uname).as("node_exporter's node_uname_info").hasSize(1);
    assertThat(pollux.named("node_uname_info")).as("Pollux's node_uname_info").isEqualTo(uname);
    for (String family : List.of("node_uname_info", "node_time_seconds")) {
      assertThat(pollux.help().get(family))
          .as("HELP of %s", family)
          .isEqualTo(node.help().get(family));
      assertThat(pollux.types().get(family))
          .as("TYPE of %s", family)
          .isEqualTo(node.types().get(family));
    }
    double nodeTime = node.named("node_time_seconds").get(0).value();
    assertThat(pollux.named("node_time_seconds").get(0).value())
        .as("Pollux's node_time_seconds, read after node_exporter's")
        .isCloseTo(nodeTime, within(60.0));
  }
}
