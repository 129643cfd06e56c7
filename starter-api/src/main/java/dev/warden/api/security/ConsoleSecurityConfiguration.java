package dev.warden.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The console's trust boundary, ordered before the API's bearer chain ({@link
 * SecurityConfiguration}, unchanged): people sign in with the authorization-code flow (PKCE, a
 * public client), the session remembers them, forms carry a CSRF token. The access token is
 * validated and read exactly as a bearer token ({@link ConsoleSignIn}), and the console's route
 * rules ({@link RouteRules#CONSOLE_RULES}) borrow the API's roles.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurityConfiguration {

  static final String REGISTRATION = "warden";
  static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

  @Bean
  ClientRegistrationRepository consoleClients(ConsoleProperties console, AuthProperties auth) {
    return new InMemoryClientRegistrationRepository(
        ClientRegistration.withRegistrationId(REGISTRATION)
            .clientId(console.clientIdOrDefault())
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE) // public: PKCE
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .authorizationUri(console.authorizationUri(auth))
            .tokenUri(console.tokenUri(auth))
            .userNameAttributeName("sub")
            .clientName("Warden")
            .build());
  }

  @Bean
  ConsoleSignIn consoleSignIn(JwtDecoder tokens, WardenJwtAuthentication reader) {
    return new ConsoleSignIn(tokens, reader);
  }

  @Bean
  @Order(1)
  SecurityFilterChain console(HttpSecurity http, ConsoleSignIn signIn) throws Exception {
    http.securityMatcher("/console", "/console/**", "/oauth2/authorization/**", "/login/oauth2/**")
        .authorizeHttpRequests(
            requests -> {
              for (RouteRules.Rule rule : RouteRules.CONSOLE_RULES) {
                requests.requestMatchers(rule.matcher()).access(rule.access());
              }
              requests.anyRequest().denyAll();
            })
        .oauth2Login(
            login ->
                login
                    .loginPage(SIGN_IN)
                    .userInfoEndpoint(info -> info.userService(signIn))
                    .successHandler(signIn)
                    .failureHandler(ConsoleSignIn.failed()))
        .logout(
            logout ->
                logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/assets/bye.html"))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                    .accessDeniedHandler(new ConsoleDenied()));
    return http.build();
  }
}
