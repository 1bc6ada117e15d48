package io.agentstream.api.security;

import io.agentstream.spring.security.ApiKeys;
import java.io.PrintStream;

/**
 * {@code java -jar agentstream.jar new-key <caller> [--admin]}: prints a fresh random API key and
 * the {@code agentstream.security.api-keys} entry that configures it. Only the key's hash goes into
 * the configuration; the key itself is shown once.
 */
public final class NewKeyCommand {

  private NewKeyCommand() {}

  /** Returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean admin = false;
    String caller = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--admin")) {
        admin = true;
      } else if (caller == null) {
        caller = args[i];
      } else {
        caller = null;
        break;
      }
    }
    if (caller == null) {
      err.println("usage: java -jar agentstream.jar new-key <caller> [--admin]");
      return 2;
    }
    String key = ApiKeys.newKey();
    String entry;
    try {
      entry = ApiKeys.entryFor(caller, key, admin);
    } catch (IllegalArgumentException e) {
      err.println("new-key: " + e.getMessage());
      return 2;
    }
    out.println("API key for " + caller + " (shown once; give it to the caller):");
    out.println("  " + key);
    out.println(
        "Add this entry to agentstream.security.api-keys (AGENTSTREAM_SECURITY_API_KEYS),"
            + " entries separated by commas:");
    out.println("  " + entry);
    out.println("Callers send it as: Authorization: Bearer <key>");
    return 0;
  }
}
