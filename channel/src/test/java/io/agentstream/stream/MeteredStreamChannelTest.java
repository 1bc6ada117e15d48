package io.agentstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.metrics.AgentstreamMeters;
import io.agentstream.protocol.EventDraft;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Measuring changes nothing a caller sees (the metered in-memory channel passes the whole
 * contract), and every append is counted under what became of it.
 */
class MeteredStreamChannelTest extends StreamChannelContract {

  private final MeterRegistry meters = new SimpleMeterRegistry();

  @Override
  protected StreamChannel newChannel(ChannelLimits limits) {
    return new MeteredStreamChannel(
        new InMemoryStreamChannel(
            limits.maxEventsPerRun(), limits.retentionAfterEnd(), Clock.systemUTC()),
        meters);
  }

  @Test
  void timesEveryAppendByResultAndCountsTheOnesTheChannelDidNotTake() {
    StreamChannel channel = channel();
    String run = newRun();
    channel.append(token(run, "write", 2, "a"));
    channel.append(token(run, "write", 2, "b"));
    assertThat(channel.append(token(run, "write", 1, "stale"))).isEqualTo(StreamChannel.REFUSED);

    assertThat(appends(AgentstreamMeters.RESULT_OK)).isEqualTo(2);
    assertThat(appends(AgentstreamMeters.RESULT_REFUSED)).isEqualTo(1);
    assertThat(failures(AgentstreamMeters.RESULT_UNAVAILABLE)).isZero();

    StreamChannel down = new MeteredStreamChannel(new Unavailable(), meters);
    assertThat(down.append(token(run, "write", 2, "c"))).isEqualTo(StreamChannel.UNAVAILABLE);
    assertThat(down.isAvailable()).isFalse();
    assertThat(appends(AgentstreamMeters.RESULT_UNAVAILABLE)).isEqualTo(1);
    assertThat(failures(AgentstreamMeters.RESULT_UNAVAILABLE)).isEqualTo(1);
  }

  @Test
  void anAppendThatThrowsIsCountedAndRethrown() {
    StreamChannel broken =
        new MeteredStreamChannel(
            new Unavailable() {
              @Override
              public long append(EventDraft draft) {
                throw new IllegalStateException("broken");
              }
            },
            meters);

    assertThatThrownBy(() -> broken.append(token(newRun(), "write", 1, "a"))).hasMessage("broken");
    assertThat(appends(AgentstreamMeters.RESULT_ERROR)).isEqualTo(1);
    assertThat(failures(AgentstreamMeters.RESULT_ERROR)).isEqualTo(1);
  }

  private long appends(String result) {
    return meters
        .get(AgentstreamMeters.CHANNEL_APPEND)
        .tag(AgentstreamMeters.TAG_RESULT, result)
        .timer()
        .count();
  }

  private double failures(String result) {
    return meters
        .get(AgentstreamMeters.CHANNEL_APPEND_FAILURES)
        .tag(AgentstreamMeters.TAG_RESULT, result)
        .counter()
        .count();
  }

  /** A channel whose backing store is down. */
  private static class Unavailable implements StreamChannel {
    @Override
    public long append(EventDraft draft) {
      return UNAVAILABLE;
    }

    @Override
    public Subscription subscribe(String runId, long afterSeq, StreamListener listener) {
      return () -> {};
    }

    @Override
    public long head(String runId) {
      return 0;
    }

    @Override
    public boolean isAvailable() {
      return false;
    }
  }
}
