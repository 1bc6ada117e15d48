package io.agentstream.run;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Custom search attributes that let ops filter runs by status, current step and owner in the
 * Temporal UI.
 */
public final class RunSearchAttributes {
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("AgentstreamStatus");
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("AgentstreamStep");
  public static final SearchAttributeKey<String> AGENT =
      SearchAttributeKey.forKeyword("AgentstreamAgent");

  /**
   * The caller that started the run, set once by the API at start (never by the workflow), so the
   * API can show and act on a run for its owner only.
   */
  public static final SearchAttributeKey<String> OWNER =
      SearchAttributeKey.forKeyword("AgentstreamOwner");

  /** Every key, for registering them on a namespace. */
  public static final List<SearchAttributeKey<String>> ALL = List.of(STATUS, STEP, AGENT, OWNER);

  private RunSearchAttributes() {}
}
