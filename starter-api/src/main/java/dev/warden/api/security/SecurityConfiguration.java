package dev.warden.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.gate.GateOutcomes;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

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
  SecurityFilterChain api(HttpSecurity http, WardenJwtAuthentication tokens, AuthRefusals refusals)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(c -> c.requireExplicitSave(true))
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(
            requests -> {
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
}
