package dev.warden.engines.s3;

import dev.warden.engines.config.WardenProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The one S3 client; the object purge, log archives and uploads each wire their stores on it. */
@Configuration(proxyBeanMethods = false)
public class S3Configuration {

  @Bean(destroyMethod = "close")
  S3Client s3Client(WardenProperties properties) {
    WardenProperties.S3 s3 = properties.s3();
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(s3.pathStyle())
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
        .build();
  }
}
