package io.agentstream.bench;

import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mode "polling": no live stream at all. Each client polls {@code GET /api/runs/{id}} once a second
 * and sees only what the durable snapshot shows (the workflow query plus heartbeat checkpoints); a
 * token arrives when a polled snapshot's step text first covers it.
 */
final class PollingWorkload implements Workload {

  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(180);

  private final App app;
  private final Http http;
  private final EmissionLog emissions;
  private final double tokensPerSecond;

  PollingWorkload(App app, Http http, EmissionLog emissions, double tokensPerSecond) {
    this.app = app;
    this.http = http;
    this.emissions = emissions;
    this.tokensPerSecond = tokensPerSecond;
  }

  @Override
  public void run(String question, int clients, PhaseRecorder recorder) throws Exception {
    long submitted = System.nanoTime();
    String runId;
    try {
      runId = AgentstreamWorkload.submit(http, app, question);
    } catch (Exception e) {
      recorder.failedClients.add(clients);
      recorder.problem("submit failed: " + e);
      return;
    }
    recorder.runIds.add(runId);
    // Independent pollers do not poll in lockstep: client c starts c/clients of a second later.
    List<TokenTimeline> timelines =
        Workload.inParallel(clients, c -> poll(runId, c * INTERVAL_NANOS / clients));
    EmissionLog.Stream stream = emissions.of("answer", question);
    for (TokenTimeline timeline : timelines) {
      timeline.analyse(stream, submitted, tokensPerSecond, false, recorder);
    }
    emissions.forget("answer", question);
  }

  private TokenTimeline poll(String runId, long delayNanos) {
    TokenTimeline timeline = new TokenTimeline(AgentstreamWorkload.STEP);
    long start = System.nanoTime() + delayNanos;
    try {
      for (long k = 0; ; k++) {
        long due = start + k * INTERVAL_NANOS;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        RunSnapshot snapshot =
            EventCodec.json()
                .mapper()
                .treeToValue(http.get(app.port(), "/api/runs/" + runId), RunSnapshot.class);
        long now = System.nanoTime();
        timeline.opened(now);
        timeline.apply(RunEvent.snapshot(snapshot, 0), now);
        if (snapshot.status() == RunStatus.COMPLETED) {
          // What a polling client has at the end is the final snapshot: it ends the run for it.
          timeline.apply(
              new RunEvent(
                  runId,
                  snapshot.lastEventId() + 1,
                  null,
                  0,
                  0,
                  new RunCompleted(snapshot.result())),
              now);
          return timeline;
        }
        if (snapshot.isTerminal()) {
          timeline.failed("run " + snapshot.status());
          return timeline;
        }
        if (now - start > GIVE_UP_NANOS) {
          timeline.failed("run did not finish");
          return timeline;
        }
      }
    } catch (Exception e) {
      timeline.failed(e.toString());
    }
    return timeline;
  }
}
