package dev.pollux.server.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.net.PortProber;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, set up so that nothing is downloaded or
 * contacted: both executables are given (so Selenium Manager never runs), background networking is
 * off, and every host name but {@code 127.0.0.1} fails to resolve, so the page cannot reach the
 * internet even by mistake. CI installs both packages ({@code .ci/install-deps}); elsewhere a
 * missing one skips the test.
 */
final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Browser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** A new browser with a fresh profile under {@code dir}. */
  static Browser open(Path dir) throws IOException {
    require(CHROMIUM, "chromium");
    require(CHROMEDRIVER, "chromium-driver");
    Files.createDirectories(dir);
    // The constructor, not ChromeDriverService.Builder: the builder carries @AutoService, whose
    // missing class file javac would warn about (and -Werror fail on).
    int port = PortProber.findFreePort();
    ChromeDriverService service =
        new ChromeDriverService(
            CHROMEDRIVER.toFile(),
            port,
            DEADLINE,
            List.of("--port=" + port, "--log-path=" + dir.resolve("chromedriver.log")),
            Map.of());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--window-size=1100,1400",
        "--user-data-dir=" + dir.resolve("profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    service.start();
    try {
      return new Browser(service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  private static void require(Path program, String debianPackage) {
    if (Files.isExecutable(program)) {
      return;
    }
    String message =
        program + " is not installed (Debian package " + debianPackage + ", see .ci/install-deps)";
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but " + message);
    }
    Assumptions.abort("skipped: " + message);
  }

  void load(URI uri) {
    driver.get(uri.toString());
  }

  /** Waits for an element to be present. */
  WebElement await(By locator) {
    return waiting("an element " + locator)
        .until(d -> d.findElements(locator).stream().findFirst().orElse(null));
  }

  void awaitGone(By locator) {
    waiting("no element " + locator).until(d -> d.findElements(locator).isEmpty());
  }

  /**
   * Waits until the element's textContent (not innerText: no-break spaces stay) is {@code text}.
   */
  void awaitText(By locator, String text) {
    waiting("the textContent of " + locator + " to be '" + text + "'")
        .until(d -> text.equals(textOrNull(locator)));
  }

  void awaitTextContaining(By locator, String part) {
    waiting("the textContent of " + locator + " to contain '" + part + "'")
        .until(
            d -> {
              String now = textOrNull(locator);
              return now != null && now.contains(part);
            });
  }

  String text(By locator) {
    return await(locator).getDomProperty("textContent");
  }

  String attribute(By locator, String name) {
    return await(locator).getDomAttribute(name);
  }

  void click(By locator) {
    await(locator).click();
  }

  void type(By locator, CharSequence keys) {
    await(locator).sendKeys(keys);
  }

  private String textOrNull(By locator) {
    List<WebElement> found = driver.findElements(locator);
    return found.isEmpty() ? null : found.getFirst().getDomProperty("textContent");
  }

  private WebDriverWait waiting(String what) {
    WebDriverWait wait = new WebDriverWait(driver, DEADLINE, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    wait.withMessage(
        () ->
            "waited "
                + DEADLINE.toSeconds()
                + " s for "
                + what
                + "; page says: "
                + driver.findElement(By.tagName("body")).getText());
    return wait;
  }

  /**
   * The browser log's SEVERE entries since the last call: script errors, CSP violations, and the
   * browser's own lines for failed requests.
   */
  List<String> severeLogs() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * The whole page as a PNG: the viewport is first made as tall as the page, so that nothing is cut
   * and no scrollbar takes width.
   */
  byte[] screenshot(int widthPx, boolean mobile) {
    viewport(widthPx, 600, mobile);
    Object pageHeight = driver.executeScript("return document.documentElement.scrollHeight");
    viewport(widthPx, ((Number) pageHeight).intValue(), mobile);
    Map<String, Object> shot =
        driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  /** Lays the page out in a desktop window {@code widthPx} wide. */
  void resize(int widthPx) {
    viewport(widthPx, 900, false);
  }

  private void viewport(int widthPx, int heightPx, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", widthPx, "height", heightPx, "deviceScaleFactor", 1, "mobile", mobile));
    waiting("a layout " + widthPx + " px wide")
        .until(
            d -> ((Number) driver.executeScript("return window.innerWidth")).intValue() == widthPx);
  }

  /** Runs {@code script} in the page and returns what it returns. */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** A CDP {@code Emulation.setEmulatedMedia}, e.g. {@code prefers-color-scheme: dark}. */
  void emulate(Map<String, Object> media) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia", media);
  }

  void awaitDarkTheme() {
    waiting("the dark theme")
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return matchMedia('(prefers-color-scheme: dark)').matches")));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
