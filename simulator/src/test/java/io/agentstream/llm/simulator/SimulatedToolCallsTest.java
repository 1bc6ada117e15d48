package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedToolCallsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Plan a 4-day trip to Rome for 2 adults | Rome",
        "Plan a 3-day trip to Kyoto\\nNo preference | Kyoto",
        "Suggest attractions in Plan a trip to New York City | New York City",
        "Things to do in Lisbon | Lisbon",
        "a quiet week | Hawaii",
      })
  void theDestinationIsThePlaceTheRequestNamesOnItsLine(String request, String destination) {
    assertThat(SimulatedToolCalls.destinationIn(request.replace("\\n", "\n")))
        .isEqualTo(destination);
  }
}
