package io.agentstream.spring.security;

import io.agentstream.spring.config.AgentstreamProperties;
import java.util.Collection;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The second way in: an OAuth2/OIDC access token (a JWT) as {@code Authorization: Bearer <token>}.
 * The decoder is Spring Boot's own, made from {@code
 * spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, so signature,
 * expiry and issuer are checked the way a Spring user expects; this class only turns a valid token
 * into a {@link Caller}: the subject is the caller's name, and the admin role is a value of a
 * configurable claim.
 */
final class JwtCallers {

  /** The outcome of presenting a token: a caller, or why the token does not name one. */
  sealed interface Outcome {
    record Accepted(Caller caller) implements Outcome {}

    record Rejected(String reason) implements Outcome {}
  }

  private final JwtDecoder decoder;
  private final AgentstreamProperties.Jwt settings;

  JwtCallers(JwtDecoder decoder, AgentstreamProperties.Jwt settings) {
    this.decoder = decoder;
    this.settings = settings;
  }

  /** Whether {@code credential} is shaped like a JWT (three base64url parts), not an API key. */
  static boolean looksLikeJwt(String credential) {
    return credential.chars().filter(c -> c == '.').count() == 2;
  }

  Outcome authenticate(String token) {
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (JwtException e) {
      // The library's message says which check failed (expired, signature, issuer) and names no
      // class; it is the caller's own token, so telling them is safe.
      return new Outcome.Rejected("the bearer token is not valid: " + e.getMessage());
    }
    String subject = jwt.getSubject();
    if (subject == null
        || subject.isBlank()
        || subject.length() > 255
        || subject.chars().anyMatch(Character::isISOControl)
        || subject.equals(Caller.ANONYMOUS.name())) {
      return new Outcome.Rejected("the bearer token has no subject that can name a caller");
    }
    return new Outcome.Accepted(new Caller(subject, hasAdminRole(jwt)));
  }

  private boolean hasAdminRole(Jwt jwt) {
    Object roles = jwt.getClaims().get(settings.rolesClaim());
    if (roles instanceof Collection<?> values) {
      return values.stream().anyMatch(v -> settings.adminRole().equals(String.valueOf(v)));
    }
    if (roles instanceof String value) {
      for (String role : value.split("[ ,]+")) {
        if (settings.adminRole().equals(role)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The decoder when JWTs are configured. */
  static Optional<JwtCallers> of(Optional<JwtDecoder> decoder, AgentstreamProperties props) {
    return decoder.map(d -> new JwtCallers(d, props.security().jwt()));
  }
}
