package dev.warden.engines.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.tenant.InvalidIdentifierException;
import dev.warden.engines.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"d1", "Invoice-2024_07.pdf", "a", "..", "a.b_c-D9"})
  void givenIdsWithinTheRule_whenParsed_thenAccepted(String id) {
    assertThat(DocumentId.of(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a/b", "acme:d1", "*", "é", "d1\n"})
  void givenIdsBreakingTheRule_whenParsed_thenRefusedNamingTheRule(String id) {
    assertThatThrownBy(() -> DocumentId.of(id))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining(DocumentId.RULE);
  }

  @Test
  void givenIdsOfTheMaximumLength_whenParsed_thenOnlyUpTo128Accepted() {
    assertThat(DocumentId.of("x".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> DocumentId.of("x".repeat(129)))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void givenTwoTenantsWithTheSameDocId_whenStored_thenTheirOpenSearchIdsDiffer() {
    DocumentId id = DocumentId.of("d1");
    assertThat(TenantDocumentStore.openSearchId(TenantId.of("acme"), id)).isEqualTo("acme:d1");
    assertThat(TenantDocumentStore.openSearchId(TenantId.of("acme-eu"), id))
        .isEqualTo("acme-eu:d1");
  }
}
