package io.agentstream.qa;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates an arithmetic expression exactly, for the question-answer agent's {@code calculate}
 * tool: models are unreliable at arithmetic, a parser is not. Numbers (decimal, with {@code _} or
 * {@code ,} as thousands separators), {@code + - * / % ^}, {@code ×} and {@code ÷}, parentheses and
 * unary minus; {@code ^} binds tightest and to the right. Decimal arithmetic with 34 significant
 * digits, so {@code 0.1 + 0.2} is {@code 0.3}.
 *
 * <p>It reads what a model wrote, so it is strict and bounded: at most {@link #MAX_LENGTH}
 * characters, whole exponents up to {@link #MAX_EXPONENT}, and anything else is an {@link
 * IllegalArgumentException} whose message says what is wrong (the model is told and may try again).
 */
final class Arithmetic {

  static final int MAX_LENGTH = 200;
  static final int MAX_EXPONENT = 1000;

  private static final MathContext PRECISION = MathContext.DECIMAL128;

  private final String text;
  private int at;

  private Arithmetic(String text) {
    this.text = text;
  }

  /** The value of {@code expression}, without trailing zeros. */
  static BigDecimal evaluate(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("the expression is empty");
    }
    if (expression.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the expression is longer than " + MAX_LENGTH + " characters");
    }
    Arithmetic parser = new Arithmetic(expression);
    BigDecimal value = parser.sum();
    parser.skipSpaces();
    if (parser.at < expression.length()) {
      throw new IllegalArgumentException(
          "unexpected '" + expression.charAt(parser.at) + "' at position " + (parser.at + 1));
    }
    return value.stripTrailingZeros();
  }

  private BigDecimal sum() {
    BigDecimal value = product();
    while (true) {
      if (take('+')) {
        value = value.add(product(), PRECISION);
      } else if (take('-')) {
        value = value.subtract(product(), PRECISION);
      } else {
        return value;
      }
    }
  }

  private BigDecimal product() {
    BigDecimal value = power();
    while (true) {
      if (take('*') || take('×')) {
        value = value.multiply(power(), PRECISION);
      } else if (take('/') || take('÷')) {
        value = value.divide(nonZero(power()), PRECISION);
      } else if (take('%')) {
        value = value.remainder(nonZero(power()), PRECISION);
      } else {
        return value;
      }
    }
  }

  private BigDecimal power() {
    BigDecimal base = unary();
    if (!take('^')) {
      return base;
    }
    BigDecimal exponent = power();
    int whole;
    try {
      whole = exponent.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("only whole exponents are supported: " + exponent);
    }
    if (Math.abs(whole) > MAX_EXPONENT) {
      throw new IllegalArgumentException("exponents go up to " + MAX_EXPONENT + ": " + whole);
    }
    if (whole < 0) {
      return BigDecimal.ONE.divide(nonZero(base).pow(-whole, PRECISION), PRECISION);
    }
    return base.pow(whole, PRECISION);
  }

  private BigDecimal unary() {
    if (take('-')) {
      return unary().negate();
    }
    if (take('+')) {
      return unary();
    }
    return primary();
  }

  private BigDecimal primary() {
    if (take('(')) {
      BigDecimal value = sum();
      if (!take(')')) {
        throw new IllegalArgumentException("a '(' is not closed");
      }
      return value;
    }
    skipSpaces();
    int start = at;
    while (at < text.length()
        && (Character.isDigit(text.charAt(at)) || ".,_".indexOf(text.charAt(at)) >= 0)) {
      at++;
    }
    if (start == at) {
      throw new IllegalArgumentException(
          at < text.length()
              ? "expected a number at position " + (at + 1) + ", found '" + text.charAt(at) + "'"
              : "the expression ends where a number should be");
    }
    String number = text.substring(start, at).replace(",", "").replace("_", "");
    try {
      return new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + text.substring(start, at));
    }
  }

  private static BigDecimal nonZero(BigDecimal divisor) {
    if (divisor.signum() == 0) {
      throw new IllegalArgumentException("division by zero");
    }
    return divisor;
  }

  private boolean take(char symbol) {
    skipSpaces();
    if (at < text.length() && text.charAt(at) == symbol) {
      at++;
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
