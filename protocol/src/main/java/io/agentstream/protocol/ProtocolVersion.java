package io.agentstream.protocol;

/**
 * The version of the event protocol, sent with every stream (the {@link #HEADER} response header)
 * and in every snapshot ({@code protocolVersion}). Adding an event type or a field does not change
 * it: clients ignore what they do not know. Removing or renaming a type or a field, or changing
 * what one means, does; docs/protocol.md states the rule.
 */
public final class ProtocolVersion {

  /** The version this code speaks. */
  public static final int CURRENT = 1;

  /** The response header of the events endpoint that carries {@link #CURRENT}. */
  public static final String HEADER = "Agentstream-Protocol";

  private ProtocolVersion() {}
}
