package io.agentstream.step;

import io.agentstream.metrics.AgentstreamMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** The meters every {@link StepWriter} of one {@link StepWriters} adds to, registered once. */
final class StepMeters {

  final Counter tokensEmitted;
  final Counter retried;
  final DistributionSummary resumedChars;
  final DistributionSummary resumedItems;

  StepMeters(MeterRegistry meters) {
    tokensEmitted =
        Counter.builder(AgentstreamMeters.TOKENS_EMITTED)
            .description("Tokens the steps wrote")
            .register(meters);
    retried =
        Counter.builder(AgentstreamMeters.STEPS_RETRIED)
            .description("Step attempts that started as a retry")
            .register(meters);
    resumedChars =
        DistributionSummary.builder(AgentstreamMeters.STEPS_RESUMED_CHARS)
            .description("Retried attempts resumed from a checkpoint, and the text they kept")
            .baseUnit("chars")
            .register(meters);
    resumedItems =
        DistributionSummary.builder(AgentstreamMeters.STEPS_RESUMED_ITEMS)
            .description("Data items kept by attempts resumed from a checkpoint")
            .baseUnit("items")
            .register(meters);
  }
}
