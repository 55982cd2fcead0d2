package dev.pollux.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.StartupException;
import dev.pollux.server.TestServer;
import dev.pollux.testing.sysfs.FakeSysfs;
import dev.pollux.testing.sysfs.Hwmon;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by Selenium) against the real
 * server on a fake sysfs tree: tiles with the tree's values, live updates, a sensor's error, the
 * LED control with right and wrong tokens, and a server restart on the same port.
 */
class DashboardIT {
  private static final String TOKEN = "t0ken";
  private static final String ZONE = "thermal_zone0";
  private static final String FAN = "hwmon_platform_nct6775_656_fan1";
  private static final String BROKEN = "hwmon_platform_nct6775_656_temp1";
  private static final String VCORE = "hwmon_platform_nct6775_656_in0";
  private static final String LED = "led_act";
  private static final String NBSP = "\u00a0";
  private static final String THIN = "\u202f";
  private static final Duration BIND_DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private FakeSysfs fake;
  private Hwmon chip;
  private TestServer server;
  private Browser browser;
  private Path hangingFifo;

  @BeforeEach
  void setUp() throws Exception {
    fake =
        FakeSysfs.in(dir.resolve("tree"))
            .thermalZone(0, "cpu-thermal", 48_312)
            .loadavg(0.52, 0.58, 0.59)
            .meminfo(4_000_000, 2_202_010)
            .uptime(273_600.5)
            .led("act", 0, 255);
    chip =
        fake.hwmon(0, "nct6775", "platform/nct6775.656")
            .fan(1, 1200, "CPU fan")
            .in(0, 1200, "Vcore")
            .temp(1, 40_000, "SYSTIN");
    fake.directoryInPlaceOf(chip.input("temp", 1));
    server = start(0);
    browser = Browser.open(dir.resolve("browser"));
    browser.load(URI.create("http://127.0.0.1:" + server.httpPort() + "/"));
  }

  @AfterEach
  void tearDown() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (hangingFifo != null) {
      fake.feedFifo(hangingFifo, "1300\n"); // releases the sampler's read blocked on it
    }
  }

  @Test
  void showsTheDeviceAndATilePerSensorWithoutConsoleErrors() throws IOException {
    browser.awaitText(tileValue(ZONE), "48.3" + NBSP + "°C");
    browser.awaitText(tileValue(FAN), "1" + THIN + "200" + NBSP + "RPM");
    browser.awaitText(tileValue("memory_available"), "2.1" + NBSP + "GiB");
    browser.awaitText(tileValue("uptime"), "3" + NBSP + "d 4" + NBSP + "h");
    browser.awaitText(tileValue("load1"), "0.52");
    browser.awaitText(By.id("connection"), "live");
    assertThat(browser.text(By.id("device-facts")))
        .as("the device line under the name")
        .contains("server up ")
        .contains("I/O ");
    browser.await(By.cssSelector(".chart[data-id='" + ZONE + "'] canvas"));
    assertThat(browser.severeLogs()).as("SEVERE browser log entries after loading").isEmpty();
    saveScreenshots();
  }

  private void saveScreenshots() throws IOException {
    // Something to see: a primary temperature that moved, and the fan picked for a second chart.
    browser.click(tile(FAN));
    for (long milliCelsius : new long[] {49_125, 50_437, 49_812, 51_187}) {
      fake.thermalZone(0, "cpu-thermal", milliCelsius);
      browser.awaitText(
          tileValue(ZONE), String.format(Locale.ROOT, "%.1f", milliCelsius / 1000.0) + NBSP + "°C");
    }
    browser.await(By.cssSelector(".chart[data-id='" + FAN + "'] canvas"));
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.write(target.resolve("dashboard.png"), browser.screenshot(1100, false));
    browser.emulate(
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    browser.awaitDarkTheme();
    Files.write(target.resolve("dashboard-dark.png"), browser.screenshot(1100, false));
    Files.write(target.resolve("dashboard-phone.png"), browser.screenshot(360, true));
    assertThat(browser.severeLogs())
        .as("SEVERE browser log entries after the theme change")
        .isEmpty();
  }

  @Test
  void formatsNumbersForPeople() {
    browser.awaitText(By.id("connection"), "live");
    // value, unit, what a person reads; null and a string stand for missing and non-numeric values.
    Object[][] table = {
      {48.312, "°C", "48.3" + NBSP + "°C"},
      {-5.04, "°C", "-5.0" + NBSP + "°C"},
      {1200, "rpm", "1" + THIN + "200" + NBSP + "RPM"},
      {12.04, "V", "12.0" + NBSP + "V"},
      {1.2, "V", "1.20" + NBSP + "V"},
      {45.5, "%", "45.5" + NBSP + "%"},
      {2.1 * (1L << 30), "B", "2.1" + NBSP + "GiB"},
      {500, "B", "500" + NBSP + "B"},
      {3 * 86_400 + 4 * 3600 + 59, "s", "3" + NBSP + "d 4" + NBSP + "h"},
      {65, "s", "1" + NBSP + "min 5" + NBSP + "s"},
      {0.52, "", "0.52"},
      {null, "°C", "—"},
      {"warm", "°C", "—"},
    };
    for (Object[] row : table) {
      assertThat(
              browser.script(
                  "return PolluxFormat.value(arguments[0], arguments[1])", row[0], row[1]))
          .as("PolluxFormat.value(%s, '%s')", row[0], row[1])
          .isEqualTo(row[2]);
    }
  }

  @Test
  void showsAValueWrittenToTheTreeWithinSeconds() {
    browser.awaitText(tileValue(ZONE), "48.3" + NBSP + "°C");
    fake.thermalZone(0, "cpu-thermal", 51_049);
    fake.write(chip.input("fan", 1), "1500\n");
    browser.awaitText(tileValue(ZONE), "51.0" + NBSP + "°C");
    browser.awaitText(tileValue(FAN), "1" + THIN + "500" + NBSP + "RPM");
    assertThat(browser.text(By.cssSelector(".chart[data-id='" + ZONE + "'] .latest")))
        .as("the primary chart's latest value")
        .isEqualTo("51.0" + NBSP + "°C");
    assertThat(browser.severeLogs()).as("SEVERE browser log entries").isEmpty();
  }

  @Test
  void showsTheReasonOfASensorThatCannotBeRead() {
    browser.awaitText(tileStatus(BROKEN), "error: i/o error");
    assertThat(browser.text(tileValue(BROKEN))).as("the broken sensor's value").isEqualTo("—");
    assertThat(browser.attribute(tile(BROKEN), "class")).contains("error");
  }

  @Test
  void saysASensorIsStaleWhileItsReadHangs() {
    browser.awaitText(tileValue(VCORE), "1.20" + NBSP + "V");
    hangingFifo = chip.input("in", 0);
    fake.fifoInPlaceOf(hangingFifo);
    browser.awaitText(tileStatus(VCORE), "stale: read in flight");
    assertThat(browser.attribute(tile(VCORE), "class")).contains("stale");
    assertThat(browser.text(tileStatus(ZONE))).as("a good sensor's status line").isEmpty();
  }

  @Test
  void chartsASensorWhenItsTileIsClickedAndRemovesItOnTheNextClick() {
    browser.awaitText(tileValue(FAN), "1" + THIN + "200" + NBSP + "RPM");
    browser.click(tile(FAN));
    browser.await(By.cssSelector(".chart[data-id='" + FAN + "'] canvas"));
    assertThat(browser.attribute(tile(FAN), "aria-pressed")).isEqualTo("true");
    browser.click(tile(FAN));
    browser.awaitGone(By.cssSelector(".chart[data-id='" + FAN + "']"));
    assertThat(browser.severeLogs()).as("SEVERE browser log entries").isEmpty();
  }

  @Test
  void noTileRunsOverItsBorderAt1280PixelsWithALongUptime() {
    fake.uptime(10_786_380.0); // 124 d 20 h 13 min: the longest value a tile shows
    browser.resize(1280);
    browser.awaitText(tileValue("uptime"), "124" + NBSP + "d 20" + NBSP + "h");
    Object overflowing =
        browser.script(
            "return [...document.querySelectorAll('.tile')]"
                + ".filter(t => t.scrollWidth > t.clientWidth).map(t => t.dataset.id);");
    assertThat((List<?>) overflowing).as("tiles whose content is wider than the tile").isEmpty();
  }

  @Test
  void setsTheLedWithTheRightTokenAndSaysWhyAWrongOneIsRefused() throws IOException {
    Path brightness = fake.sysfsRoot().resolve("class/leds/act/brightness");
    WebElement slider = browser.await(By.cssSelector(".actuator[data-id='" + LED + "'] input"));
    slider.sendKeys(Keys.END);
    browser.await(By.cssSelector("#token-form:not([hidden])"));
    browser.type(By.id("token-input"), "wrong" + Keys.ENTER);
    browser.awaitTextContaining(By.id("actuator-message"), "the token is wrong");
    assertThat(Files.readString(brightness).strip())
        .as("brightness after a refused write")
        .isEqualTo("0");

    browser.await(By.cssSelector("#token-form:not([hidden])"));
    browser.type(By.id("token-input"), TOKEN + Keys.ENTER);
    browser.awaitTextContaining(By.id("actuator-message"), LED + " set to 255");
    assertThat(Files.readString(brightness).strip())
        .as("brightness after the write")
        .isEqualTo("255");
    assertThat(browser.severeLogs())
        .as("SEVERE browser log entries besides the refused PUT")
        .allMatch(line -> line.contains("/api/v1/actuators/" + LED) && line.contains("403"));
  }

  @Test
  void saysReconnectingWhileTheServerIsAwayAndResumesWhenItIsBack() throws Exception {
    browser.awaitText(tileValue(ZONE), "48.3" + NBSP + "°C");
    browser.awaitText(By.id("connection"), "live");
    int port = server.httpPort();
    server.close();
    browser.awaitText(By.id("connection"), "reconnecting…");

    fake.thermalZone(0, "cpu-thermal", 55_555);
    fake.hwmon(1, "acpitz", null).temp(1, 30_000, null);
    fake.delete(chip.input("fan", 1));
    server = start(port);
    browser.awaitText(By.id("connection"), "live");
    browser.awaitText(tileValue(ZONE), "55.6" + NBSP + "°C");
    browser.await(tile("hwmon_acpitz_temp1"));
    browser.awaitGone(tile(FAN));
    assertThat(browser.severeLogs())
        .as("SEVERE browser log entries besides the refused connections while the server was away")
        .allMatch(line -> line.contains("/api/v1/events") || line.contains("ERR_CONNECTION"));
  }

  /**
   * Starts a server on the fake tree with {@link #TOKEN}, HTTP only, on {@code port} (0: a free
   * one), retrying while the port is still held by the one just closed, as after a restart.
   */
  private TestServer start(int port) {
    AtomicReference<TestServer> started = new AtomicReference<>();
    await("PolluxServer.start on 127.0.0.1:" + port)
        .atMost(BIND_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreException(StartupException.class)
        .until(
            () -> {
              started.set(TestServer.on(fake).httpPort(port).token(TOKEN).startOrThrow());
              return true;
            });
    return started.get();
  }

  private static By tile(String id) {
    return By.cssSelector(".tile[data-id='" + id + "']");
  }

  private static By tileValue(String id) {
    return By.cssSelector(".tile[data-id='" + id + "'] .value");
  }

  private static By tileStatus(String id) {
    return By.cssSelector(".tile[data-id='" + id + "'] .status");
  }
}
