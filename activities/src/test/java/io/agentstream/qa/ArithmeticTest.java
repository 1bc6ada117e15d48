package io.agentstream.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArithmeticTest {

  private static String eval(String expression) {
    return Arithmetic.evaluate(expression).toPlainString();
  }

  @Test
  void followsTheUsualPrecedenceAndParentheses() {
    assertThat(eval("17.5 * 4 + 3")).isEqualTo("73");
    assertThat(eval("(17.5 * 4 + 3) / 2")).isEqualTo("36.5");
    assertThat(eval("2 + 3 * 4 ^ 2")).isEqualTo("50");
    assertThat(eval("2 ^ 3 ^ 2")).isEqualTo("512");
    assertThat(eval("-(2 - 5) * -2")).isEqualTo("-6");
    assertThat(eval("17 % 5")).isEqualTo("2");
    assertThat(eval("12 × 3 ÷ 4")).isEqualTo("9");
  }

  @Test
  void isExactWhereFloatingPointIsNot() {
    assertThat(eval("0.1 + 0.2")).isEqualTo("0.3");
    assertThat(eval("1,250,000 * 1.07")).isEqualTo("1337500");
    assertThat(eval("2 ^ -2")).isEqualTo("0.25");
    assertThat(eval("10 / 4")).isEqualTo("2.5");
  }

  @Test
  void saysWhatIsWrongWithAnExpressionItCannotEvaluate() {
    assertThatThrownBy(() -> Arithmetic.evaluate("1 / (3 - 3)")).hasMessage("division by zero");
    assertThatThrownBy(() -> Arithmetic.evaluate("2 * x")).hasMessageContaining("position 5");
    assertThatThrownBy(() -> Arithmetic.evaluate("(1 + 2")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> Arithmetic.evaluate("2 ^ 0.5")).hasMessageContaining("whole");
    assertThatThrownBy(() -> Arithmetic.evaluate("9 ^ 99999")).hasMessageContaining("1000");
    assertThatThrownBy(() -> Arithmetic.evaluate(" ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Arithmetic.evaluate("1+".repeat(150) + "1"))
        .hasMessageContaining("longer than");
  }
}
