package io.agentstream.run;

import java.util.Map;

/** What an accepted {@link AgentWorkflow#answer} update returns: the answers now in effect. */
public record AnswerReceipt(Map<String, String> answers) {}
