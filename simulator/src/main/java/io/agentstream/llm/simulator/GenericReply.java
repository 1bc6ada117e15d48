package io.agentstream.llm.simulator;

/**
 * The reply for requests without a known {@code Task:} line. It says plainly that it comes from the
 * simulator, so nobody mistakes it for a real model's answer when wiring is wrong.
 */
final class GenericReply implements TaskReply {

  private static final int QUOTED_WORDS = 12;

  @Override
  public String compose(String material, Variation variation) {
    String quoted =
        MaterialText.fragment(material.replace('\n', ' '), QUOTED_WORDS).replace('"', '\'');
    String about = quoted.isBlank() ? "an empty message" : "\"" + quoted + "\"";
    return "This is the built-in simulated model, not a real LLM, replying to "
        + about
        + ". "
        + variation.pick(
            "It streams fixed, deterministic text so that runs can be repeated and compared.",
            "Its replies are deterministic, so the same request always streams the same text.")
        + " To get real answers, set OPENAI_API_KEY and restart the application.";
  }
}
