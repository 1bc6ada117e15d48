package io.agentstream.run;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Custom search attributes that let ops filter runs by status and current step in the Temporal UI.
 */
public final class RunSearchAttributes {
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("AgentstreamStatus");
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("AgentstreamStep");
  public static final SearchAttributeKey<String> AGENT =
      SearchAttributeKey.forKeyword("AgentstreamAgent");

  /** Every key, for registering them on a namespace. */
  public static final List<SearchAttributeKey<String>> ALL = List.of(STATUS, STEP, AGENT);

  private RunSearchAttributes() {}
}
