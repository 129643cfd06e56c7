package dev.warden.api.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (never a downloaded browser), at
 * 1280×800. People change by clearing the cookies: cookies ignore the port, so this ends both the
 * console's and the authorization server's sessions on 127.0.0.1.
 */
public final class ConsoleBrowser implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("warden.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("warden.chromedriver", "/usr/bin/chromedriver");

  /** Screenshots go to docs/images with -Dwarden.console.screenshots=true, else to target/. */
  static final Path SHOTS =
      Boolean.getBoolean("warden.console.screenshots")
          ? Path.of("..", "docs", "images")
          : Path.of("target", "console-screenshots");

  public final ChromeDriver driver;
  private final Path profile;
  private final String base;

  public ConsoleBrowser(String base) {
    this.base = base;
    try {
      profile = Files.createTempDirectory("warden-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 800));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  public void open(String path) {
    driver.get(base + path);
  }

  /** Signs in through the authorization server's form, starting from a console page. */
  public void signIn(String user, String path) {
    driver.manage().deleteAllCookies();
    open(path);
    try {
      waitFor(By.name("username"));
    } catch (org.openqa.selenium.TimeoutException stuck) {
      throw new AssertionError(
          "no sign-in form for "
              + user
              + " at "
              + driver.getCurrentUrl()
              + ": "
              + driver.findElement(By.tagName("body")).getText(),
          stuck);
    }
    driver.findElement(By.name("username")).sendKeys(user);
    driver.findElement(By.name("password")).sendKeys(user + "-password");
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    try {
      new WebDriverWait(driver, Duration.ofSeconds(60))
          .until(
              d ->
                  d.getCurrentUrl().startsWith(base + "/console")
                      && !d.getCurrentUrl().contains("signin-failed"));
    } catch (org.openqa.selenium.TimeoutException stuck) {
      throw new AssertionError(
          "sign-in of "
              + user
              + " ended at "
              + driver.getCurrentUrl()
              + ": "
              + driver.findElement(By.tagName("body")).getText(),
          stuck);
    }
  }

  /** Waits for an element; when it never comes, fails with the page's address and text. */
  public WebElement waitFor(By by) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(60))
          .until(d -> d.findElements(by).stream().findFirst().orElse(null));
    } catch (org.openqa.selenium.TimeoutException stuck) {
      throw new AssertionError(
          "no " + by + " within 60 s at " + driver.getCurrentUrl() + ": " + bodyText(), stuck);
    }
  }

  /**
   * Clicks what submits a form or follows a link and waits until the browser has left the page, so
   * that what the test reads next is the new page, never the old one.
   */
  public void clickAndLoad(By by) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(by).click();
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> left(page));
  }

  // Whether the old page's root is gone: stale, or (chromedriver asked mid-navigation) a node that
  // "does not belong to the document" any more.
  private static boolean left(WebElement page) {
    try {
      page.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  private String bodyText() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (RuntimeException unreadable) {
      return "(page unreadable: " + unreadable.getMessage() + ")";
    }
  }

  public String text(By by) {
    return waitFor(by).getText();
  }

  public boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** axe-core from the test's classpath (its WebJar), never fetched by the page. */
  static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

  /**
   * Runs axe-core's WCAG 2 A and AA rules in the page as it is now and returns the serious and
   * critical violations, each as "rule: help (selectors)"; an empty list is a page that passed.
   */
  @SuppressWarnings("unchecked")
  public List<String> accessibilityViolations() {
    String axe;
    try (var in = ConsoleBrowser.class.getResourceAsStream(AXE)) {
      if (in == null) {
        throw new IllegalStateException("no " + AXE + " on the test classpath");
      }
      axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ((JavascriptExecutor) driver).executeScript(axe);
    Object found =
        script(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
                + ".then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' ('"
                + " + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ') + ')')))"
                + ".catch(e => done(['axe failed: ' + e]));");
    return (List<String>) found;
  }

  /** A property of the focused element: "className", or a computed style such as "outlineStyle". */
  public String focused(String property) {
    return String.valueOf(
        ((JavascriptExecutor) driver)
            .executeScript(
                "const e = document.activeElement; return arguments[0] === 'className'"
                    + " ? e.className : getComputedStyle(e)[arguments[0]];",
                property));
  }

  /** Resizes the window (a narrow one: a phone or a side-by-side window). */
  public void windowSize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Whether the page scrolls sideways (content wider than the window). */
  public boolean scrollsSideways() {
    return (Boolean)
        ((JavascriptExecutor) driver)
            .executeScript(
                "return document.documentElement.scrollWidth >"
                    + " document.documentElement.clientWidth + 1;");
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          shot, SHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile left behind is harmless
    }
  }
}
