package dev.warden.engines.s3;

import dev.warden.engines.config.WardenProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The one S3 client; the object purge, log archives and uploads each wire their stores on it. No
 * endpoint means AWS's own; no static key means the AWS default credentials chain ({@link
 * S3Credentials}). {@link ExecutionInterceptor} beans (none in the apps) see every call.
 */
@Configuration(proxyBeanMethods = false)
public class S3Configuration {

  @Bean(destroyMethod = "close")
  S3Client s3Client(
      WardenProperties properties, ObjectProvider<ExecutionInterceptor> interceptors) {
    WardenProperties.S3 s3 = properties.s3();
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(S3Credentials.provider(s3))
            .forcePathStyle(s3.pathStyle())
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
            .overrideConfiguration(
                o -> interceptors.orderedStream().forEach(o::addExecutionInterceptor));
    if (s3.endpoint() != null) {
      builder.endpointOverride(s3.endpoint());
    }
    return builder.build();
  }
}
