package dev.warden.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.gate.GateOutcomes;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API's trust boundary: a stateless OAuth2 resource server (bearer JWTs only, no sessions, no
 * cookies, so no CSRF) whose route rules ({@link RouteRules}) decide, and nothing else passes. Runs
 * as servlet filters, before the gate interceptors and handlers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

  @Bean
  AuthRefusals authRefusals(ObjectMapper json, MeterRegistry meters, GateOutcomes outcomes) {
    return new AuthRefusals(json, meters, outcomes);
  }

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      WardenJwtAuthentication tokens,
      AuthRefusals refusals,
      @Value("${warden.temporal.ui-origin:}") String temporalUiOrigin,
      @Value("${warden.temporal.codec.local-ui:false}") boolean codecForLocalUi)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .cors(c -> c.configurationSource(codecCors(temporalUiOrigin)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(c -> c.requireExplicitSave(true))
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(
            requests -> {
              if (codecForLocalUi) {
                // WARDEN_TEMPORAL_CODEC_LOCAL_UI (env local only, DevelopmentDefaults): the local
                // dev server's Web UI has no sign-in, so it decodes without a token, from this
                // machine only. Encoding still needs a staff token.
                requests.requestMatchers(LocalUiDecode::matches).permitAll();
              }
              for (RouteRules.Rule rule : RouteRules.RULES) {
                requests.requestMatchers(rule.matcher()).access(rule.access());
              }
              requests.anyRequest().denyAll();
            })
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                    .authenticationEntryPoint(refusals)
                    .accessDeniedHandler(refusals))
        .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
    return http.build();
  }

  // Temporal's Web UI calls the codec routes from the browser: its origin only, those routes
  // only (a preflight is answered here, before authentication; the call itself needs a token).
  private static CorsConfigurationSource codecCors(String origins) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!origins.isBlank()) {
      CorsConfiguration codec = new CorsConfiguration();
      codec.setAllowedOrigins(List.of(origins.strip().split("\\s*,\\s*")));
      codec.setAllowedMethods(List.of("POST", "OPTIONS"));
      codec.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Namespace"));
      codec.setAllowCredentials(true);
      source.registerCorsConfiguration("/v1/temporal/codec/**", codec);
    }
    return source;
  }
}
