package io.agentstream.trip;

import io.agentstream.protocol.Question;
import java.util.List;

/** The questions the model found the request leaves open (possibly none). */
public record ClarifyResult(List<Question> questions) {}
