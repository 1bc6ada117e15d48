package io.agentstream.spring.security;

import java.util.regex.Pattern;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the name runs are owned by, and whether the caller is an admin (sees and acts on
 * every run).
 *
 * @param name the caller's name, as in its {@code agentstream.security.api-keys} entry
 * @param admin whether the caller may see and act on every caller's runs
 */
public record Caller(String name, boolean admin) {

  /**
   * The caller when no keys are configured (loopback only), and the owner of runs that record none
   * (started before owners were recorded, or by another Temporal client).
   */
  public static final Caller ANONYMOUS = new Caller("anonymous", false);

  /** The authority an admin caller's authentication carries. */
  public static final String ADMIN_AUTHORITY = "AGENTSTREAM_ADMIN";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  /** Whether {@code name} can name a caller: 1 to 64 letters, digits, {@code . _ @ -}. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The caller of the current request. Any authentication counts (an application's own security
   * setup too): its name is the caller, its {@link #ADMIN_AUTHORITY} the admin role.
   */
  public static Caller current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return ANONYMOUS;
    }
    if (auth.getPrincipal() instanceof Caller caller) {
      return caller;
    }
    return new Caller(
        auth.getName(),
        auth.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority())));
  }

  /** Whether this caller may see and act on a run of {@code owner}. */
  public boolean mayAccess(String owner) {
    return admin || name.equals(owner);
  }
}
