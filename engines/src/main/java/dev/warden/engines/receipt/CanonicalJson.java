package dev.warden.engines.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The one byte form of a JSON document that is signed and hashed: object keys sorted by name at
 * every level, no insignificant whitespace, UTF-8. A receipt holds strings, integers, booleans and
 * nulls only, so the same document always gives the same bytes, whoever stored or pretty-printed it
 * in between (PostgreSQL's jsonb reorders keys; jq indents).
 */
public final class CanonicalJson {

  private static final ObjectMapper SORTED =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private CanonicalJson() {}

  public static byte[] bytes(JsonNode document) {
    try {
      // Through plain maps: ORDER_MAP_ENTRIES_BY_KEYS sorts maps at every depth, not ObjectNodes.
      Object tree = SORTED.treeToValue(document, Object.class);
      return SORTED.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return SORTED.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode parse(byte[] json) {
    try {
      return SORTED.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
