package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.spring.security.ApiKeys;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page with API keys on, in a real headless Chromium: it asks for a key, keeps it in this tab's
 * session storage, starts a run owned by that key's caller and follows it over {@code EventSource}
 * with a stream token (the run's questions arrive on the stream).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyedPageBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String ALICE = ApiKeys.newKey();

  @DynamicPropertySource
  static void keys(DynamicPropertyRegistry registry) {
    registry.add("agentstream.security.api-keys", () -> ApiKeys.entryFor("alice", ALICE, false));
    registry.add("server.address", () -> "127.0.0.1");
  }

  @LocalServerPort int port;
  ChromeDriver driver;

  @BeforeAll
  void startBrowser() throws Exception {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "Chromium or chromedriver is not installed in /usr/bin; skipping the browser test");
    Path profile = Files.createTempDirectory("agentstream-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--no-proxy-server",
        "--user-data-dir=" + profile.toAbsolutePath());
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterAll
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void thePageAsksForAKeyThenStartsAndStreamsTheCallersRun() throws Exception {
    String base = "http://127.0.0.1:" + port;
    driver.get(base + "/");
    waitFor("the key form", () -> driver.findElement(By.id("key-form")).isDisplayed());
    driver.findElement(By.id("api-key")).sendKeys(ALICE);
    driver.findElement(By.cssSelector("#key-form button[type=submit], #key-form button")).click();
    waitFor("the key form to close", () -> !driver.findElement(By.id("key-form")).isDisplayed());
    assertThat(js("return sessionStorage.getItem('agentstream.apiKey')")).isEqualTo(ALICE);
    waitFor(
        "the agent list",
        () -> "trip-planner".equals(driver.findElement(By.id("agent")).getAttribute("value")));

    driver.findElement(By.id("submit")).click();
    waitFor("the run's address", () -> driver.getCurrentUrl().matches(".*/runs/run-[^/]+$"));
    String runId = driver.getCurrentUrl().replaceAll(".*/runs/", "");
    // The page asked for a stream token (EventSource cannot send the key) and follows the run.
    waitFor(
        "the questions form",
        () ->
            !driver.findElements(By.cssSelector("#questions form")).isEmpty()
                && driver.findElement(By.cssSelector("#questions form")).isDisplayed());

    assertThat(
            js(
                "return performance.getEntriesByType('resource')"
                    + ".some(e => e.name.includes('/stream-token'))"))
        .isEqualTo(true);

    ApiClient api = new ApiClient(base);
    Map<String, String> alice = Map.of("Authorization", "Bearer " + ALICE);
    assertThat(api.get("/api/runs/" + runId, alice).status()).isEqualTo(200);
    assertThat(api.get("/api/runs/" + runId).status()).isEqualTo(401);
    api.post("/api/runs/" + runId + "/cancel", null, alice);
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private <T> T waitFor(String what, Supplier<T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(50))
        .withMessage(what)
        .until(
            d -> {
              T value = condition.get();
              return value instanceof Boolean b && !b ? null : value;
            });
  }
}
