package dev.warden.devstack.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Spring Authorization Server with Warden's local clients and, for the console, local people. Only
 * the servlet container and the dispatcher are auto-configured: the devstack may share its JVM with
 * a Warden app under test, whose classpath (datasource, Temporal, …) must not leak into this
 * server.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  ServletWebServerFactoryAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class
})
class AuthServerApplication {

  static final String ISSUER_PROPERTY = "warden.devstack.auth.issuer";

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
    OAuth2AuthorizationServerConfigurer server =
        OAuth2AuthorizationServerConfigurer.authorizationServer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, Customizer.withDefaults())
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
        // A person's browser at /oauth2/authorize without a session signs in first.
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  /** The sign-in form of {@link LocalUsers} (fields {@code username}, {@code password}). */
  @Bean
  @Order(2)
  SecurityFilterChain signIn(HttpSecurity http) throws Exception {
    // Only the form's own paths: discovery (/.well-known/…) must keep answering 404 or JSON.
    // (Path matchers: this app has no Spring MVC configuration for Security's MVC matchers.)
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(
            new OrRequestMatcher(
                paths.matcher("/login"),
                paths.matcher("/logout"),
                paths.matcher("/default-ui.css")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  UserDetailsService users() {
    List<UserDetails> users =
        LocalUsers.ROLES.entrySet().stream()
            .map(
                user ->
                    User.withUsername(user.getKey())
                        .password("{noop}" + LocalUsers.passwordOf(user.getKey()))
                        .roles(user.getValue().toArray(String[]::new))
                        .build())
            .toList();
    return new InMemoryUserDetailsManager(users);
  }

  @Bean
  AuthorizationServerSettings settings(@Value("${" + ISSUER_PROPERTY + "}") String issuer) {
    return AuthorizationServerSettings.builder().issuer(issuer).build();
  }

  @Bean
  RegisteredClientRepository clients() {
    List<RegisteredClient> clients = new ArrayList<>();
    LocalClients.ROLES.entrySet().stream().map(AuthServerApplication::client).forEach(clients::add);
    clients.add(console());
    return new InMemoryRegisteredClientRepository(clients);
  }

  /** The console: a public client, authorization code with PKCE, no consent page. */
  private static RegisteredClient console() {
    return RegisteredClient.withId(LocalUsers.CONSOLE_CLIENT)
        .clientId(LocalUsers.CONSOLE_CLIENT)
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(LocalUsers.CONSOLE_REDIRECT)
        .clientSettings(
            ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(false)
                .build())
        .tokenSettings(
            TokenSettings.builder().accessTokenTimeToLive(LocalClients.TOKEN_TTL).build())
        .build();
  }

  private static RegisteredClient client(Map.Entry<String, List<String>> roles) {
    String clientId = roles.getKey();
    return RegisteredClient.withId(clientId)
        .clientId(clientId)
        .clientSecret("{noop}" + LocalClients.secretOf(clientId))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .clientSettings(
            ClientSettings.builder().setting(WardenClaims.ROLES, roles.getValue()).build())
        .tokenSettings(
            TokenSettings.builder().accessTokenTimeToLive(LocalClients.TOKEN_TTL).build())
        .build();
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> wardenClaims() {
    return new WardenClaims();
  }

  /** A fresh RSA key per start: tokens of an earlier run are not trusted by a new one. */
  @Bean
  JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var pair = generator.generateKeyPair();
    RSAKey key =
        new RSAKey.Builder((RSAPublicKey) pair.getPublic())
            .privateKey((RSAPrivateKey) pair.getPrivate())
            .keyID(UUID.randomUUID().toString())
            .build();
    return new ImmutableJWKSet<>(new JWKSet(key));
  }
}
