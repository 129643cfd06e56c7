package dev.warden.engines.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadFileNameTest {

  @ParameterizedTest
  @CsvSource({
    "report.pdf, report.pdf",
    "my report (1).pdf, myreport1.pdf",
    "a/b\\c.txt, abc.txt",
    "Ünïcödé-name_2.csv, ncd-name_2.csv",
    "%2e%2fx.bin, 2e2fx.bin",
    ".hidden, .hidden"
  })
  void givenAClientFileName_whenSanitised_thenOnlySafeCharactersRemain(String raw, String safe) {
    assertThat(UploadFileName.sanitise(raw).value()).isEqualTo(safe);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "///", "äöü", "..", "../../etc/passwd", "a..b", ".", "a/./."})
  void givenANameThatIsEmptyOrClimbsUp_whenSanitised_thenItIsRefused(String raw) {
    assertThatThrownBy(() -> UploadFileName.sanitise(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fileName");
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 5000})
  void givenAnOverlongName_whenSanitised_thenItIsRefused(int length) {
    assertThatThrownBy(() -> UploadFileName.sanitise("x".repeat(length)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
