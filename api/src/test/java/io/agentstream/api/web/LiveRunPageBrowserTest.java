package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatedReasoning;
import io.agentstream.llm.simulator.SimulatorFault;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The live run page in a real headless Chromium against the real app on a real port: questions
 * answered in the page, tokens and place cards appearing while their steps run, a reload, finish
 * now and a dropped connection mid-run, and a final view that equals the run's result exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "agentstream.simulator.tokens-per-second=60")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveRunPageBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;
  ChromeDriver driver;
  ApiClient api;
  String base;

  @BeforeAll
  void startBrowser() throws IOException {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute(),
        "Chromium is not installed at "
            + CHROMIUM
            + " (apt-get install chromium chromium-driver); skipping the browser test");
    Assumptions.assumeTrue(
        new File(CHROMEDRIVER).canExecute(),
        "chromedriver is not installed at "
            + CHROMEDRIVER
            + " (apt-get install chromium-driver); skipping the browser test");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    Path profile = Files.createTempDirectory("agentstream-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-proxy-server",
        "--window-size=1280,1500",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void setUp() {
    base = "http://127.0.0.1:" + port;
    api = new ApiClient(base);
  }

  @Test
  @Order(0)
  void theReducerModuleIsServedAsJavaScriptAndThePageRunsOnIt() throws Exception {
    // Browsers refuse to run a module script served with a non-JavaScript type.
    ApiClient.Response module = api.get("/js/agentstream.js");
    assertThat(module.status()).isEqualTo(200);
    assertThat(module.contentType()).matches("(text|application)/javascript(;.*)?");
    assertThat(api.raw("/js/agentstream.js")).contains("export function createRunView");
    driver.get(base + "/");
    waitFor(
        "app.js, which imports the module, to have run",
        () -> (Boolean) js("return typeof window.agentstream === 'object'"));
  }

  @Test
  @Order(1)
  void questionsThenTokensAndCardsAsTheyHappenThenTheResult() throws Exception {
    driver.get(base + "/");
    assertThat(driver.findElement(By.id("request")).getAttribute("value"))
        .isEqualTo("Plan a 5-day trip to Hawaii");
    waitFor(
        "the agent list",
        () -> "trip-planner".equals(driver.findElement(By.id("agent")).getAttribute("value")));
    driver.findElement(By.id("submit")).click();
    waitFor("the run's address", () -> driver.getCurrentUrl().matches(".*/runs/run-[^/]+$"));
    String runId = driver.getCurrentUrl().replaceAll(".*/runs/", "");

    // Questions first, as a small form with the defaults as placeholders.
    WebElement form = waitFor("the questions form", () -> visible("#questions form"));
    List<WebElement> inputs = form.findElements(By.cssSelector("input"));
    assertThat(inputs).isNotEmpty();
    assertThat(inputs)
        .allSatisfy(
            input -> {
              assertThat(input.getAttribute("value")).isEmpty();
              assertThat(input.getAttribute("placeholder")).isNotBlank();
            });
    Map<String, Object> expectedAnswers = new java.util.LinkedHashMap<>();
    inputs.forEach(
        input ->
            expectedAnswers.put(
                input.getAttribute("data-question"), input.getAttribute("placeholder")));
    assertThat(expectedAnswers).containsKey("travelers");
    expectedAnswers.put("travelers", "3 adults");
    screenshot("01-questions", "#run", "start");
    answerQuestions(Map.of("travelers", "3 adults"));
    assertThat(api.get("/api/runs/" + runId).body().get("answers"))
        .as("empty fields take the suggested default")
        .isEqualTo(expectedAnswers);

    // Place cards while research is still running; both research steps sit in one row.
    waitFor(
        "place cards while a research step runs",
        () ->
            (Boolean)
                js(
                    "return [...document.querySelectorAll('[data-step^=\"research-\"][data-status=\"RUNNING\"]')]"
                        + ".some(s => s.querySelectorAll('.place-card').length > 0)"));
    assertThat(driver.findElements(By.cssSelector(".step-row.parallel [data-step^='research-']")))
        .hasSize(2);
    screenshot("02-research-cards", ".step-row.parallel", "center");

    // The plan's text grows token by token while the step is running.
    List<Integer> lengths = new ArrayList<>();
    boolean shot = false;
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> plan = stepState("plan");
      if ("RUNNING".equals(plan.get("status"))) {
        int length = ((Number) plan.get("length")).intValue();
        if (length > 0 && (lengths.isEmpty() || length > lengths.get(lengths.size() - 1))) {
          lengths.add(length);
        }
        if (!shot && lengths.size() >= 3) {
          screenshot("03-plan-streaming", "[data-step='plan']", "end");
          shot = true;
        }
      } else if (!"PENDING".equals(plan.get("status"))) {
        break;
      }
      Thread.sleep(120);
    }
    assertThat(lengths)
        .as("plan text lengths seen while the step was running")
        .hasSizeGreaterThanOrEqualTo(3);

    Map<String, Object> result = awaitCompleted(runId);
    screenshot("04-result", "#result", "start");
    String planText = text("[data-step='plan'] .text");
    assertThat(text("#result [data-field='itinerary']")).isEqualTo(planText);
    assertThat(planText).isEqualTo(result.get("itinerary")).contains("Day 5");
    assertThat(text("#result [data-field='summary']")).isEqualTo(result.get("summary"));
    assertThat(
            driver.findElements(By.cssSelector("[data-step='research-restaurants'] .place-card")))
        .hasSize(3);
    assertThat(driver.findElement(By.id("finish-now")).isEnabled()).isFalse();
    assertThat(driver.findElement(By.id("cancel")).isEnabled()).isFalse();
    assertThat(driver.findElements(By.cssSelector("#recent-runs a[data-run-id='" + runId + "']")))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void reloadMidRunResumesTheSameViewWithoutDuplicatedText() throws Exception {
    String runId = startFromPageAndAnswer();
    waitFor("plan streaming", () -> planRunningWithText(20));
    driver.navigate().refresh();

    waitFor(
        "the run view after the reload",
        () ->
            driver.getCurrentUrl().endsWith("/runs/" + runId)
                && visible("[data-step='plan']") != null);
    assertPageShowsTheRunsItinerary(runId);
  }

  @Test
  @Order(3)
  void finishNowMidPlanCutsThePlanShort() throws Exception {
    String runId = startFromPageAndAnswer();
    waitFor("plan streaming", () -> planRunningWithText(20));
    WebElement finishNow = driver.findElement(By.id("finish-now"));
    assertThat(finishNow.isEnabled()).isTrue();
    assertThat(driver.findElement(By.id("cancel")).isEnabled()).isTrue();
    finishNow.click();

    Map<String, Object> result = awaitCompleted(runId);
    assertThat(driver.findElements(By.cssSelector("[data-step='plan'][data-status='CUT_SHORT']")))
        .hasSize(1);
    assertThat(
            driver.findElements(By.cssSelector("[data-step='summarize'][data-status='COMPLETED']")))
        .hasSize(1);
    assertThat(result.get("cutShortSteps")).isEqualTo(List.of("plan"));
    assertThat(text("#result .cut-short")).contains("cut short").contains("Plan the itinerary");
    String itinerary = (String) result.get("itinerary");
    assertThat(itinerary).isNotBlank().doesNotContain("Day 5");
    assertThat(text("[data-step='plan'] .text")).isEqualTo(itinerary);
  }

  @Test
  @Order(4)
  void droppedConnectionShowsANoticeAndResumesWithoutDuplicates() throws Exception {
    String runId = startFromPageAndAnswer();
    waitFor("plan streaming", () -> planRunningWithText(10));
    long snapshotsBefore = ((Number) info().get("snapshots")).longValue();

    assertThat((Boolean) js("return window.agentstream.dropConnection()")).isTrue();
    waitFor("the lost notice", () -> "lost".equals(attr("#connection-notice", "data-state")));
    assertThat(text("#connection-notice")).isEqualTo("Live connection lost — reconnecting…");
    screenshot("05-connection-lost", "#run", "start");
    waitFor("the back notice", () -> "back".equals(attr("#connection-notice", "data-state")));
    assertThat(text("#connection-notice")).isEqualTo("Live again");
    Map<String, Object> info = info();
    assertThat((String) info.get("lastUrl")).contains("?lastEventId=");
    assertThat(((Number) info.get("snapshots")).longValue())
        .as("resumed after the last id, no new snapshot")
        .isEqualTo(snapshotsBefore);

    assertPageShowsTheRunsItinerary(runId);
  }

  @Test
  @Order(5)
  void aModelFailureMidPlanShowsTheRetryAndTheResumeWithoutDuplicates() throws Exception {
    String runId = startFromPageAndAnswer();
    // The model's next plan reply breaks off after 40 tokens: the step fails, Temporal retries it
    // and
    // the new attempt resumes from the last checkpoint.
    ApiClient.Response armed =
        new ApiClient("http://127.0.0.1:" + simulator.port())
            .post(
                "/admin/faults",
                "{\"task\":\"plan\",\"fault\":\"CUT_AFTER\",\"tokens\":40,\"times\":1}");
    assertThat(armed.status()).isEqualTo(200);
    waitFor(
        "the resumed-from-checkpoint highlight",
        () ->
            (Boolean)
                js(
                    "const s = document.querySelector('[data-step=\"plan\"]');"
                        + "return !!s && s.dataset.rewound === 'true' && s.dataset.attempt === '2'"
                        + " && s.querySelector('.notice').textContent.startsWith('Resumed from checkpoint');"));
    screenshot("06-resumed-from-checkpoint", "[data-step='plan']", "center");

    Map<String, Object> result = awaitCompleted(runId);
    String itinerary = (String) result.get("itinerary");
    assertThat(itinerary).contains("Day 5");
    assertThat(text("[data-step='plan'] .text")).isEqualTo(itinerary);
    assertThat(text("#result [data-field='itinerary']")).isEqualTo(itinerary);
  }

  @Test
  @Order(6)
  void keyScreenshotsAreSaved() throws IOException {
    for (String name :
        List.of(
            "01-questions",
            "02-research-cards",
            "03-plan-streaming",
            "04-result",
            "05-connection-lost",
            "06-resumed-from-checkpoint")) {
      assertThat(SCREENSHOTS.resolve(name + ".png")).isNotEmptyFile();
    }
  }

  @Test
  @Order(7)
  void aReasoningModelsThoughtsShowInTheirStepWhileItThinksThenGiveWayToTheAnswer()
      throws Exception {
    simulator.reason(SimulatedReasoning.IN_CONTENT);
    // Silent mid-thought for a while (then the reply breaks and is retried), so the page is seen
    // while the model thinks.
    simulator.faults().inject("answer", SimulatorFault.hangAfter(12, Duration.ofSeconds(3)), 1);
    try {
      String runId =
          (String)
              api.post(
                      "/api/runs",
                      "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sea"
                          + " salty?\"}}")
                  .body()
                  .get("runId");
      driver.get(base + "/runs/" + runId);

      String thoughts = "[data-reasoning-of='answer'] .reasoning-text";
      waitFor(
          "the model's reasoning in its step",
          () -> visible(thoughts) != null && text(thoughts).startsWith("The task is"));
      assertThat(text("[data-reasoning-of='answer'] > summary")).isEqualTo("Thinking…");
      assertThat(attr("[data-reasoning-of='answer']", "open")).isNotNull();
      assertThat(text("[data-step='answer'] .text")).doesNotContain("The task is");
      screenshot("07-reasoning", "[data-step='answer']", "center");

      waitFor(
          "the answer to replace the reasoning",
          () ->
              "COMPLETED".equals(attr("[data-step='answer']", "data-status"))
                  && driver.findElements(By.cssSelector("[data-reasoning-of='answer']")).isEmpty());
      assertThat(text("[data-step='answer'] .text")).isNotBlank().doesNotContain("The task is");
    } finally {
      simulator.reason(SimulatedReasoning.NONE);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private String startFromPageAndAnswer() {
    driver.get(base + "/");
    waitFor("the start form", () -> visible("#submit") != null);
    driver.findElement(By.id("submit")).click();
    waitFor("the run's address", () -> driver.getCurrentUrl().matches(".*/runs/run-[^/]+$"));
    String runId = driver.getCurrentUrl().replaceAll(".*/runs/", "");
    waitFor("the questions form", () -> visible("#questions form"));
    answerQuestions(Map.of());
    return runId;
  }

  private void answerQuestions(Map<String, String> answers) {
    answers.forEach((id, answer) -> driver.findElement(By.id("answer-" + id)).sendKeys(answer));
    driver.findElement(By.id("send-answers")).click();
    waitFor(
        "the questions form to close",
        () -> driver.findElements(By.cssSelector("#questions form")).isEmpty());
  }

  private boolean planRunningWithText(int minLength) {
    Map<String, Object> plan = stepState("plan");
    return "RUNNING".equals(plan.get("status"))
        && ((Number) plan.get("length")).intValue() >= minLength;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> stepState(String step) {
    return (Map<String, Object>)
        js(
            "const s = document.querySelector('[data-step=\"' + arguments[0] + '\"]');"
                + "return s ? {status: s.dataset.status, length: s.querySelector('.text').textContent.length}"
                + " : {status: 'NONE', length: 0};",
            step);
  }

  @SuppressWarnings("unchecked")
  /**
   * The finished run's itinerary, as the API reports it, is exactly what the page shows in the plan
   * step and in the result, and what the page's own run.completed carried.
   */
  private void assertPageShowsTheRunsItinerary(String runId) throws Exception {
    Map<String, Object> result = awaitCompleted(runId);
    String itinerary =
        (String) ((Map<?, ?>) api.get("/api/runs/" + runId).body().get("result")).get("itinerary");
    assertThat(result.get("itinerary")).isEqualTo(itinerary);
    assertThat(text("[data-step='plan'] .text")).isEqualTo(itinerary);
    assertThat(text("#result [data-field='itinerary']")).isEqualTo(itinerary);
  }

  private Map<String, Object> awaitCompleted(String runId) throws Exception {
    new WebDriverWait(driver, RUN_TIMEOUT, Duration.ofMillis(100))
        .withMessage("run " + runId + " completed in the page")
        .until(
            d ->
                "COMPLETED".equals(attr("#run-status", "data-status"))
                    && visible("#result") != null);
    ApiClient.Response snapshot = api.get("/api/runs/" + runId);
    assertThat(snapshot.body()).containsEntry("status", "COMPLETED");
    return (Map<String, Object>) snapshot.body().get("result");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> info() {
    return (Map<String, Object>) js("return window.agentstream.info()");
  }

  /**
   * Exact text as the DOM holds it (textContent), not Selenium's whitespace-normalised rendering.
   */
  private String text(String css) {
    return (String) js("return document.querySelector(arguments[0]).textContent", css);
  }

  private String attr(String css, String name) {
    return (String)
        js(
            "const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1])",
            css,
            name);
  }

  private WebElement visible(String css) {
    return driver.findElements(By.cssSelector(css)).stream()
        .filter(WebElement::isDisplayed)
        .findFirst()
        .orElse(null);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private <T> T waitFor(String what, Supplier<T> condition) {
    return new WebDriverWait(driver, RUN_TIMEOUT, Duration.ofMillis(50))
        .withMessage(what)
        .until(
            d -> {
              T value = condition.get();
              return value instanceof Boolean b && !b ? null : value;
            });
  }

  /** Saves what the browser shows, scrolled so that {@code css} is in view. */
  private void screenshot(String name, String css, String block) throws IOException {
    js(
        "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: arguments[1]})",
        css,
        block);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
