package dev.warden.activities.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * docs/iam-policy.json, read as AWS evaluates its Allow statements for the calls Warden makes:
 * actions, bucket or object ARNs ({@code *} globs), and the {@code s3:prefix} condition of
 * listings. Its bucket, {@code warden-data}, stands for whichever bucket is configured.
 */
final class IamPolicy {
  static final String BUCKET_ARN = "arn:aws:s3:::warden-data";

  record Statement(
      String sid, List<String> actions, List<String> resources, List<String> prefixes) {

    boolean allows(S3Calls.Call call, String action) {
      if (!call.action().equals(action) || !actions.contains(action)) {
        return false;
      }
      if (call.key() == null) {
        return resources.contains(BUCKET_ARN)
            && (prefixes == null || (call.prefix() != null && matchesAny(prefixes, call.prefix())));
      }
      return resources.stream()
          .filter(r -> r.startsWith(BUCKET_ARN + "/"))
          .anyMatch(r -> glob(r.substring(BUCKET_ARN.length() + 1)).matcher(call.key()).matches());
    }
  }

  final List<Statement> statements;

  private IamPolicy(List<Statement> statements) {
    this.statements = statements;
  }

  static IamPolicy read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Statement> statements = new ArrayList<>();
    for (JsonNode s : root.path("Statement")) {
      if (!"Allow".equals(s.path("Effect").asText())) {
        throw new IllegalStateException("only Allow statements are expected: " + s);
      }
      JsonNode prefix = s.path("Condition").path("StringLike").path("s3:prefix");
      statements.add(
          new Statement(
              s.path("Sid").asText(),
              strings(s.path("Action")),
              strings(s.path("Resource")),
              prefix.isMissingNode() ? null : strings(prefix)));
    }
    return new IamPolicy(statements);
  }

  /** The calls no statement allows. */
  List<S3Calls.Call> denied(List<S3Calls.Call> calls) {
    return calls.stream()
        .filter(c -> statements.stream().noneMatch(s -> s.allows(c, c.action())))
        .distinct()
        .toList();
  }

  /** "Sid: action" for every action of a statement that no recorded call needed. */
  List<String> unused(List<S3Calls.Call> calls) {
    List<String> out = new ArrayList<>();
    for (Statement s : statements) {
      for (String action : s.actions()) {
        if (calls.stream().noneMatch(c -> s.allows(c, action))) {
          out.add(s.sid() + ": " + action);
        }
      }
    }
    return out;
  }

  private static boolean matchesAny(List<String> globs, String value) {
    return globs.stream().anyMatch(g -> glob(g).matcher(value).matches());
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode()) {
      out.add(node.asText());
    }
    return out;
  }
}
