package dev.warden.engines.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptKeysTest {

  @TempDir Path dir;

  @Test
  void givenNoKeyFile_whenLoadedTwice_thenOneKeyIsGeneratedAndKept() {
    ReceiptKeys first = ReceiptKeys.load(Optional.empty(), dir);
    ReceiptKeys again = ReceiptKeys.load(Optional.empty(), dir);

    assertThat(dir.resolve(ReceiptKeys.GENERATED_FILE)).exists();
    assertThat(again.signing().getKeyID()).isEqualTo(first.signing().getKeyID());
    assertThat(again.signing()).isEqualTo(first.signing());
  }

  @Test
  void givenManyStartsAtOnce_whenEachGenerates_thenAllEndWithTheSameKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> kids = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Callable<String> load = () -> ReceiptKeys.load(Optional.empty(), dir).signing().getKeyID();
      kids.add(pool.submit(load));
    }
    List<String> seen = new ArrayList<>();
    for (Future<String> kid : kids) {
      seen.add(kid.get());
    }
    pool.shutdown();

    assertThat(seen).hasSize(16).containsOnly(seen.get(0));
  }

  @Test
  void
      givenAKeySetFileWithARetiredPublicKey_whenLoaded_thenTheFirstPrivateSignsAndBothArePublished()
          throws Exception {
    var current = ReceiptKeys.newKey();
    var retired = ReceiptKeys.newKey().toPublicJWK();
    Path file = dir.resolve("keys.json");
    Files.writeString(file, new JWKSet(List.of(retired, current)).toString(false));

    ReceiptKeys keys = ReceiptKeys.load(Optional.of(file), dir);

    assertThat(keys.signing().getKeyID()).isEqualTo(current.getKeyID());
    assertThat(keys.published().getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactly(retired.getKeyID(), current.getKeyID());
    assertThat(dir.resolve(ReceiptKeys.GENERATED_FILE)).doesNotExist();
  }

  @Test
  void givenASingleJwkFile_whenLoaded_thenItSigns() throws Exception {
    var key = ReceiptKeys.newKey();
    Path file = dir.resolve("key.jwk");
    Files.writeString(file, key.toJSONString());

    assertThat(ReceiptKeys.load(Optional.of(file), dir).signing().getKeyID())
        .isEqualTo(key.getKeyID());
  }

  @Test
  void givenOnlyPublicKeys_whenLoaded_thenRefused() throws Exception {
    Path file = dir.resolve("public.json");
    Files.writeString(file, new JWKSet(ReceiptKeys.newKey().toPublicJWK()).toString());

    assertThatThrownBy(() -> ReceiptKeys.load(Optional.of(file), dir))
        .hasMessageContaining("no private key");
  }
}
