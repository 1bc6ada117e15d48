package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * A deep-research run started from the live run page in a real headless Chromium: the sources
 * appear as cards (document, section, score, excerpt) in the research steps, and the result shows
 * the summary, the report exactly as written and its numbered sources.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "agentstream.simulator.tokens-per-second=60")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepResearchPageBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  @LocalServerPort int port;
  ChromeDriver driver;

  @BeforeAll
  void startBrowser() throws Exception {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
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
        "--window-size=1280,1500",
        "--user-data-dir=" + Files.createTempDirectory("agentstream-chromium-").toAbsolutePath());
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
  @SuppressWarnings("unchecked")
  void sourcesShowAsCardsAndTheResultShowsTheReportWithItsSources() throws Exception {
    String base = "http://127.0.0.1:" + port;
    driver.get(base + "/");
    WebDriverWait wait = new WebDriverWait(driver, RUN_TIMEOUT, Duration.ofMillis(100));
    wait.until(
        d -> d.findElements(By.cssSelector("#agent option[value='deep-research']")).size() == 1);
    new Select(driver.findElement(By.id("agent"))).selectByValue("deep-research");
    WebElement request = driver.findElement(By.id("request"));
    request.clear();
    request.sendKeys("How does agentstream resume a step after a worker crash?");
    driver.findElement(By.id("submit")).click();
    wait.until(d -> d.getCurrentUrl().matches(".*/runs/run-[^/]+$"));
    String runId = driver.getCurrentUrl().replaceAll(".*/runs/", "");
    wait.until(d -> !d.findElements(By.cssSelector("#questions form")).isEmpty());
    driver.findElement(By.id("send-answers")).click();
    // Mid-stream: the first sources are in while the research steps run (docs/screenshots).
    wait.until(
        d -> !d.findElements(By.cssSelector("[data-step^='research-'] .source-item")).isEmpty());
    js("document.querySelector(\"[data-step='plan']\").scrollIntoView({block: 'start'})");
    screenshot("06-deep-research-mid-stream.png");
    wait.until(
        d -> "COMPLETED".equals(js("return document.querySelector('#run-status').dataset.status")));
    wait.until(d -> d.findElement(By.id("result")).isDisplayed());

    Map<String, Object> result =
        (Map<String, Object>) new ApiClient(base).get("/api/runs/" + runId).body().get("result");
    assertThat(js("return document.querySelector(\"#result [data-field='report']\").textContent"))
        .isEqualTo(result.get("report"));
    List<Map<String, Object>> sources = (List<Map<String, Object>>) result.get("sources");
    assertThat(driver.findElements(By.cssSelector("#result ol.sources li"))).hasSameSizeAs(sources);
    List<WebElement> cards =
        driver.findElements(By.cssSelector("[data-step^='research-'] .source-item"));
    assertThat(cards).isNotEmpty();
    assertThat(cards.get(0).getText()).contains("score");
    assertThat(driver.findElements(By.cssSelector("[data-step^='research-'] .rationale.pending")))
        .isEmpty();
    js("document.querySelector('#result').scrollIntoView({block: 'start'})");
    screenshot("07-deep-research-result.png");
  }

  private void screenshot(String name) throws Exception {
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }
}
