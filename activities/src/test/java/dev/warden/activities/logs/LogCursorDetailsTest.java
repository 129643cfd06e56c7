package dev.warden.activities.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.warden.engines.logarchive.ArchiveCursor;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import org.junit.jupiter.api.Test;

/** Heartbeat details recorded by earlier workers still read with today's records. */
class LogCursorDetailsTest {

  @Test
  void givenALogCursorHeartbeatedBeforeArchivesReadExisted_whenRead_thenItCountsZeroArchivesRead() {
    String json =
        """
        {"indices":{"index":"logs-prod-app","deleted":12,"pages":1},"indicesDone":true,
         "archives":{"lastKey":"logs/prod/app/2026-11-01.jsonl.gz","archivesScanned":3,
          "archivesRewritten":2,"linesRemoved":40,"bytesRemoved":4000,"objectsDeleted":1,
          "unattributable":5,"versionsDeleted":0}}
        """;
    Payload payload =
        Payload.newBuilder()
            .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();

    LogCursor cursor =
        DefaultDataConverter.newDefaultInstance()
            .fromPayload(payload, LogCursor.class, LogCursor.class);

    assertThat(cursor.archives())
        .isEqualTo(
            new ArchiveCursor("logs/prod/app/2026-11-01.jsonl.gz", 3, 2, 40, 4000, 1, 5, 0, 0));
    assertThat(cursor.indicesDone()).isTrue();
  }
}
