package dev.warden.engines.s3;

import dev.warden.engines.config.WardenProperties;
import java.net.URI;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Run in a JVM of its own by {@link DefaultCredentialsChainIT}: builds the app's S3 client with no
 * static key, writes and reads back one object. Args: endpoint, bucket, key.
 */
public final class S3ChainProbe {
  public static void main(String[] args) {
    WardenProperties.S3 settings =
        new WardenProperties.S3(URI.create(args[0]), "us-east-1", "", "", args[1], true);
    try (S3Client s3 =
        new S3Configuration()
            .s3Client(
                new WardenProperties("local", settings, null, null),
                new StaticListableBeanFactory().getBeanProvider(ExecutionInterceptor.class))) {
      s3.putObject(p -> p.bucket(args[1]).key(args[2]), RequestBody.fromString("chain"));
      long size = s3.headObject(h -> h.bucket(args[1]).key(args[2])).contentLength();
      System.out.println("stored " + size + " bytes");
    }
  }
}
