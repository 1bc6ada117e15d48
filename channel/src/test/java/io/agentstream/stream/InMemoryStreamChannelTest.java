package io.agentstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.RunCompleted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-memory channel passes the contract; expiry runs on its own clock, so it is tested here.
 */
class InMemoryStreamChannelTest extends StreamChannelContract {

  @Override
  protected StreamChannel newChannel(ChannelLimits limits) {
    return new InMemoryStreamChannel(
        limits.maxEventsPerRun(), limits.retentionAfterEnd(), Clock.systemUTC());
  }

  @Test
  void dropsAFinishedRunOnceItsRetentionHasPassedButNeverARunStillWatchedOrRunning() {
    MovableClock clock = new MovableClock();
    InMemoryStreamChannel channel = new InMemoryStreamChannel(100, Duration.ofMinutes(30), clock);
    String finished = newRun();
    String watched = newRun();
    String running = newRun();
    for (String run : new String[] {finished, watched, running}) {
      channel.append(token(run, "write", 1, "a"));
    }
    long finishedEnd = channel.append(EventDraft.ofRun(finished, new RunCompleted("done")));
    long watchedEnd = channel.append(EventDraft.ofRun(watched, new RunCompleted("done")));
    subscribe(channel, watched, watchedEnd);

    clock.advance(Duration.ofMinutes(29));
    channel.append(token(newRun(), "write", 1, "someone else's append sweeps"));
    assertThat(channel.head(finished)).as("within its retention").isEqualTo(finishedEnd);

    clock.advance(Duration.ofMinutes(2));
    channel.append(token(newRun(), "write", 1, "someone else's append sweeps"));
    assertThat(channel.head(finished)).as("past its retention").isZero();
    assertThat(channel.head(watched))
        .as("a finished run someone still listens to")
        .isEqualTo(watchedEnd);
    assertThat(channel.head(running)).as("a run that has not finished").isPositive();
  }

  @Test
  void dropsARunThatNeverFinishesOnceIdleForItsRetentionUnlessSomeoneListens() {
    MovableClock clock = new MovableClock();
    InMemoryStreamChannel channel =
        new InMemoryStreamChannel(100, Duration.ofMinutes(30), Duration.ofHours(24), clock);
    String abandoned = newRun();
    String watched = newRun();
    String busy = newRun();
    for (String run : new String[] {abandoned, watched, busy}) {
      channel.append(token(run, "write", 1, "a"));
    }
    long watchedHead = channel.head(watched);
    subscribe(channel, watched, watchedHead);

    clock.advance(Duration.ofHours(23));
    long busyHead = channel.append(token(busy, "write", 1, "still going"));
    assertThat(channel.head(abandoned)).as("idle less than a day").isPositive();

    clock.advance(Duration.ofHours(2));
    channel.append(token(newRun(), "write", 1, "someone else's append sweeps"));
    assertThat(channel.head(abandoned)).as("idle for more than a day").isZero();
    assertThat(channel.head(watched)).as("idle, but someone listens").isEqualTo(watchedHead);
    assertThat(channel.head(busy)).as("its last event 2 hours ago").isEqualTo(busyHead);
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
