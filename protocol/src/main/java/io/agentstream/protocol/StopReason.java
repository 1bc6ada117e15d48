package io.agentstream.protocol;

/**
 * Why a run ended before its agent had done everything it planned: the steps that were running were
 * cut short and the rest skipped. Null when nothing stopped it early.
 */
public enum StopReason {
  /** A caller asked for it ({@code POST /api/runs/{id}/finish-now}). */
  FINISH_NOW,
  /** The run used its token budget; even its final step is skipped. */
  TOKEN_BUDGET
}
