package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LocalUiDecodeTest {

  private static MockHttpServletRequest call(String method, String path, String from) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr(from);
    return request;
  }

  @Test
  void givenTheLocalBrowser_whenItDecodes_thenItMatches() {
    assertThat(LocalUiDecode.matches(call("POST", "/v1/temporal/codec/decode", "127.0.0.1")))
        .isTrue();
    assertThat(LocalUiDecode.matches(call("POST", "/v1/temporal/codec/decode", "0:0:0:0:0:0:0:1")))
        .isTrue();
  }

  @Test
  void givenAnotherCallerRouteOrMethod_whenChecked_thenItNeverMatches() {
    assertThat(LocalUiDecode.matches(call("POST", "/v1/temporal/codec/decode", "10.0.0.7")))
        .isFalse();
    assertThat(LocalUiDecode.matches(call("POST", "/v1/temporal/codec/decode", "localhost")))
        .as("a name, never looked up")
        .isFalse();
    assertThat(LocalUiDecode.matches(call("POST", "/v1/temporal/codec/encode", "127.0.0.1")))
        .isFalse();
    assertThat(LocalUiDecode.matches(call("GET", "/v1/temporal/codec/decode", "127.0.0.1")))
        .isFalse();
    assertThat(LocalUiDecode.matches(call("POST", "/v1/temporal/codec/decode", ""))).isFalse();
  }
}
