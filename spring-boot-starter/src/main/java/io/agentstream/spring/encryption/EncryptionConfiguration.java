package io.agentstream.spring.encryption;

import io.agentstream.spring.config.AgentstreamProperties;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code agentstream.encryption.keys} set, the one {@link DataConverter} Temporal's Spring
 * Boot starter gives every client and worker it builds encrypts payloads with {@link
 * AesGcmPayloadCodec}, failure messages and stack traces included (they may quote user text).
 * Temporal never passes search attributes through a codec: they stay plaintext, and hold no user
 * text (status, step id, agent, owner).
 *
 * <p>An application that declares its own {@code DataConverter} keeps it, and wraps it in a {@link
 * CodecDataConverter} with the {@link AesGcmPayloadCodec} bean itself if it wants encryption.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${agentstream.encryption.keys:}'.trim() != ''")
public class EncryptionConfiguration {

  @Bean
  EncryptionKeys encryptionKeys(AgentstreamProperties props) {
    return EncryptionKeys.parse(props.encryption().keys());
  }

  @Bean
  AesGcmPayloadCodec aesGcmPayloadCodec(EncryptionKeys keys) {
    return new AesGcmPayloadCodec(keys);
  }

  /** Named as the starter's qualifier for the converter of the root namespace. */
  @Bean("mainDataConverter")
  @ConditionalOnMissingBean(DataConverter.class)
  DataConverter encryptingDataConverter(AesGcmPayloadCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
  }
}
