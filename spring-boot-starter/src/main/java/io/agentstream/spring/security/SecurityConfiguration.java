package io.agentstream.spring.security;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.run.RunOwnership;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call the API, and what a browser may do with it: API keys ({@code Authorization: Bearer
 * <key>}) and/or OAuth2/OIDC JWTs (when Spring's {@code
 * spring.security.oauth2.resourceserver.jwt.*} makes a {@link JwtDecoder}) or, with neither,
 * anonymous callers on loopback only; stream tokens for {@code EventSource}; ownership of runs;
 * JSON-only posts; CORS off unless origins are configured; and the headers that keep pages from
 * being framed, sniffed or leaking their address. An application that declares its own {@link
 * SecurityFilterChain} keeps it (ownership still applies, by the authenticated name).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(StreamTokenController.class)
public class SecurityConfiguration implements WebMvcConfigurer {

  /**
   * No inline script or style, nothing from other origins, never framed. The page (static/) and the
   * API answer with it alike.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private final RunOwnership ownership;

  SecurityConfiguration(RunOwnership ownership) {
    this.ownership = ownership;
  }

  @Bean
  ApiKeys apiKeys(AgentstreamProperties props) {
    return ApiKeys.parse(props.security().apiKeys());
  }

  @Bean
  StreamTokens streamTokens(AgentstreamProperties props) {
    return new StreamTokens(
        props.security().streamTokenSecret(), props.security().streamTokenTtl(), Clock.systemUTC());
  }

  /**
   * Authentication happens in {@link CallerAuthenticationFilter}; this provider only stands in for
   * Spring Boot's generated in-memory user (and its logged password), which agentstream never uses.
   */
  @Bean
  @ConditionalOnMissingBean(AuthenticationProvider.class)
  AuthenticationProvider agentstreamNoPasswordLogins() {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        throw new BadCredentialsException("agentstream authenticates API keys only");
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return false;
      }
    };
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain agentstreamSecurity(
      HttpSecurity http,
      ApiKeys keys,
      StreamTokens tokens,
      AgentstreamProperties props,
      ObjectProvider<JwtDecoder> jwtDecoder)
      throws Exception {
    Optional<JwtCallers> jwts =
        JwtCallers.of(Optional.ofNullable(jwtDecoder.getIfAvailable()), props);
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .addFilterBefore(
            new CallerAuthenticationFilter(keys, jwts, tokens), AnonymousAuthenticationFilter.class)
        .addFilterAfter(new JsonPostFilter(), CallerAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.OPTIONS, "/api/**", "/codec/**")
                    .permitAll()
                    // The codec reads every run's payloads: admins only (anyone on loopback
                    // without keys, who sees every run anyway).
                    .requestMatchers("/codec/**")
                    .access(
                        keys.isEmpty()
                            ? AuthenticatedAuthorizationManager.authenticated()
                            : AuthorityAuthorizationManager.hasAuthority(Caller.ADMIN_AUTHORITY))
                    .requestMatchers("/api/**", "/actuator/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, failure) ->
                            Problems.unauthorized(
                                request,
                                response,
                                "an API key or token is required: 'Authorization: Bearer <key or token>'"))
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            Problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "this caller may not do that")))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    // Before the request, not after it: an event stream's session thread writes
                    // the response while the request thread unwinds the filters, and headers
                    // written then race it (Tomcat's headers are not thread-safe: an NPE in
                    // MimeHeaders, a corrupted recycled response, a stream cut, seen under load).
                    .withObjectPostProcessor(
                        new ObjectPostProcessor<HeaderWriterFilter>() {
                          @Override
                          public <O extends HeaderWriterFilter> O postProcess(O filter) {
                            filter.setShouldWriteHeadersEagerly(true);
                            return filter;
                          }
                        }));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    List<String> origins = props.api().allowedOrigins();
    if (!origins.isEmpty()) {
      CorsConfiguration cors = new CorsConfiguration();
      cors.setAllowedOrigins(origins);
      cors.setAllowedMethods(List.of("GET", "POST"));
      cors.setAllowedHeaders(
          List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID"));
      cors.setExposedHeaders(List.of("Location"));
      cors.setMaxAge(3600L);
      source.registerCorsConfiguration("/api/**", cors);
    }
    List<String> codecOrigins = props.encryption().codecAllowedOrigins();
    if (!codecOrigins.isEmpty()) {
      // The Temporal UI sends X-Namespace, and cookies/credentials when told to include them.
      CorsConfiguration cors = new CorsConfiguration();
      cors.setAllowedOrigins(codecOrigins);
      cors.setAllowedMethods(List.of("POST"));
      cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Namespace"));
      cors.setAllowCredentials(true);
      cors.setMaxAge(3600L);
      source.registerCorsConfiguration("/codec/**", cors);
    }
    if (source.getCorsConfigurations().isEmpty()) {
      http.cors(cors -> cors.disable());
    } else {
      http.cors(c -> c.configurationSource(source));
    }
    return http.build();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RunOwnershipInterceptor(ownership)).addPathPatterns("/api/runs/**");
  }
}
