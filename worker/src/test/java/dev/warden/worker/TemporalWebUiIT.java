package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.auth.LocalTokens;
import dev.warden.engines.testing.DevStackProperties;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator sees in Temporal's Web UI (the dev server's) after a purge of {@code demo}
 * through the API (the packaged jar, as a process) run by this worker app, driven in headless
 * Chromium (Debian's {@code chromium} and {@code chromium-driver}): the workflow list filtered by
 * {@code WardenTenant="demo"} shows the purge and its status, the purge's page its summary, details
 * and current details while it waits in its grace period, and the Schedules page the nightly
 * reconciliation. Screenshots go to docs/images/ with -Dwarden.screenshots=true (the runbook and
 * README show them).
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemporalWebUiIT {

  static final String TENANT = "demo";
  static final String ENV = "local"; // outside local the packaged apps refuse the devstack's keys
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration PAGE = Duration.ofSeconds(30);

  static final ObjectMapper JSON = new ObjectMapper();

  DevStackEndpoints endpoints;
  ChromeDriver browser;
  Path userData;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, ENV);
  }

  @BeforeEach
  void openBrowser() throws Exception {
    endpoints = DevStackExtension.endpoints();
    assertThat(endpoints.temporalUiUrl())
        .as("Temporal's Web UI (the dev server runs; see ./warden)")
        .isNotNull();
    assertThat(CHROMIUM).as("apt-get install chromium").isExecutable();
    assertThat(CHROMEDRIVER).as("apt-get install chromium-driver").isExecutable();
    userData = Files.createTempDirectory("warden-chromium-");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1440,1000",
                "--user-data-dir=" + userData);
    // An explicit driver: Selenium Manager downloads nothing.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(PAGE);
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (userData != null) {
      try (var files = Files.walk(userData)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void givenAPurgeOfDemoInItsGracePeriod_whenAnOperatorOpensTheWebUi_thenItShowsPurgeAndSchedule()
      throws Exception {
    // The API on the port the test Web UI sends payloads to (./warden test sets both), open to
    // this machine's browser for decoding as ./warden up runs it.
    String codec = System.getenv("WARDEN_TEMPORAL_UI_CODEC_ENDPOINT");
    assertThat(codec).as("WARDEN_TEMPORAL_UI_CODEC_ENDPOINT (./warden test sets it)").isNotNull();
    try (ApiProcess api =
        ApiProcess.start(
            ENV,
            java.net.URI.create(codec).getPort(),
            "--warden.temporal.codec.local-ui=true",
            "--warden.temporal.ui-origin=" + endpoints.temporalUiUrl())) {
      LocalTokens tokens = new LocalTokens(endpoints.authIssuerUri());
      String compliance = tokens.forRole("compliance");
      // As the README's demo purge, with a grace period to look at it while it runs.
      HttpResponse<String> started =
          api.send(
              "/v1/purges",
              compliance,
              "{\"tenantId\":\"demo\",\"env\":\"%s\",\"reason\":\"GDPR art. 17 request\","
                      .formatted(ENV)
                  + "\"ticket\":\"GDPR-1\",\"gracePeriod\":\"PT1H\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String purgeId = JSON.readTree(started.body()).get("purgeId").asText();
      try {
        JsonNode waiting =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    () -> JSON.readTree(api.send("/v1/purges/" + purgeId, compliance, null).body()),
                    p -> p.path("status").asText().equals("WAITING_GRACE_PERIOD"));
        String workflowId = waiting.get("workflowId").asText();
        String runId = waiting.get("runId").asText();
        String ui = endpoints.temporalUiUrl() + "/namespaces/default";

        // The workflow list, filtered as the runbook says.
        String query = URLEncoder.encode("WardenTenant=\"demo\"", StandardCharsets.UTF_8);
        browser.get(ui + "/workflows?query=" + query);
        awaitText(workflowId, "Running", "TenantPurgeWorkflow");
        screenshot("temporal-ui-workflow-list.png");

        // The purge's page: its history. Summaries, details and inputs are stored encrypted by the
        // payload codec (operations.md, "Temporal payload encryption"); the Web UI shows them
        // decoded through the API's codec route.
        browser.get(ui + "/workflows/" + encode(workflowId) + "/" + runId + "/history");
        awaitText("Timer Started", "User Metadata", "ticket GDPR-1");
        screenshot("temporal-ui-purge-history.png");
        openTab("Search Attributes");
        awaitTextAsIs("\"WardenStatus\": \"WAITING_GRACE_PERIOD\"", "\"WardenTenant\": \"demo\"");
        screenshot("temporal-ui-search-attributes.png");

        // The Schedules page lists the nightly reconciliation; its page shows the next runs.
        browser.get(ui + "/schedules");
        awaitText("quota-reconciliation/" + ENV);
        screenshot("temporal-ui-schedules.png");
        browser.get(ui + "/schedules/" + encode("quota-reconciliation/" + ENV));
        awaitText("quota-reconciliation/" + ENV, "QuotaReconciliationWorkflow", "Upcoming Runs");
        screenshot("temporal-ui-schedule.png");
      } finally {
        api.send(
            "/v1/purges/" + purgeId + "/cancel", compliance, "{\"reason\":\"Web UI test done\"}");
      }
    }
  }

  /**
   * The page's text with that of its frames: the UI renders a workflow's summary and details
   * (markdown) in sandboxed iframes.
   */
  private String pageText() {
    StringBuilder text = new StringBuilder(browser.findElement(By.tagName("body")).getText());
    for (WebElement frame : browser.findElements(By.tagName("iframe"))) {
      try {
        browser.switchTo().frame(frame);
        text.append('\n').append(browser.findElement(By.tagName("body")).getText());
      } catch (WebDriverException gone) {
        // re-rendered meanwhile: the next poll reads it again
      } finally {
        browser.switchTo().defaultContent();
      }
    }
    return text.toString();
  }

  /** Opens a tab of the workflow page by its title. */
  private void openTab(String title) {
    browser.findElement(By.xpath("//*[normalize-space(text())='" + title + "']")).click();
  }

  /** Waits for the texts on the page as it is (no reload: it would close opened sections). */
  private void awaitTextAsIs(String... texts) {
    await()
        .atMost(PAGE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(pageText()).contains(texts));
  }

  /** Waits for the texts on the page; a page that loaded too early is reloaded every 3 s. */
  private void awaitText(String... texts) {
    int[] polls = {0};
    await()
        .atMost(PAGE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              if (++polls[0] % 6 == 0) {
                browser.navigate().refresh();
              }
              assertThat(pageText()).contains(texts);
            });
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Into docs/images/ of the repository (the runbook and the README show them) with {@code
   * -Dwarden.screenshots=true}, else into target/ (a test run leaves the tree as it found it).
   */
  private void screenshot(String name) throws Exception {
    Path images =
        Boolean.getBoolean("warden.screenshots")
            ? Path.of(System.getProperty("warden.repo.root", ".."), "docs", "images")
            : Path.of("target", "temporal-ui-screenshots");
    Files.createDirectories(images);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.move(shot, images.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
