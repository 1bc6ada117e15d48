package io.agentstream.spring.encryption;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each whole payload (its metadata and data, serialized) with AES-256-GCM under the
 * current key, and writes the key's id next to it in plaintext metadata so that older payloads keep
 * decrypting after a rotation. A fresh 12-byte nonce is drawn for every payload and stored in front
 * of the ciphertext; the key id is bound to the ciphertext as associated data, so a payload cannot
 * be passed off as written under another key.
 *
 * <p>Decoding leaves a payload that is not encrypted (search attributes, anything written before
 * encryption was switched on) as it is. A payload under an unknown key id fails with {@link
 * MissingEncryptionKeyException}; one that does not authenticate fails with a {@link
 * PayloadCodecException}: neither is ever decoded to something else.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  /** The {@code encoding} metadata of an encrypted payload (the name Temporal's samples use). */
  public static final String ENCODING = "binary/encrypted";

  /** The metadata entry that names the key a payload was encrypted under. */
  public static final String KEY_ID = "encryption-key-id";

  private static final String ENCODING_KEY = "encoding";
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final EncryptionKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(EncryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String keyId = keys.currentId();
    byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId, payload.toByteArray());
    byte[] data = new byte[NONCE_BYTES + sealed.length];
    System.arraycopy(nonce, 0, data, 0, NONCE_BYTES);
    System.arraycopy(sealed, 0, data, NONCE_BYTES, sealed.length);
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ByteString.copyFromUtf8(ENCODING))
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(data))
        .build();
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(ENCODING_KEY);
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload;
    }
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    if (id == null) {
      throw new PayloadCodecException("encrypted payload without an " + KEY_ID);
    }
    String keyId = id.toStringUtf8();
    SecretKey key = keys.find(keyId).orElseThrow(() -> new MissingEncryptionKeyException(keyId));
    byte[] data = payload.getData().toByteArray();
    if (data.length <= NONCE_BYTES) {
      throw new PayloadCodecException("encrypted payload too short (key id '" + keyId + "')");
    }
    byte[] nonce = java.util.Arrays.copyOf(data, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(data, NONCE_BYTES, data.length);
    try {
      return Payload.parseFrom(run(Cipher.DECRYPT_MODE, key, nonce, keyId, sealed));
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "decrypted payload is not a payload (key id '" + keyId + "')");
    }
  }

  private static byte[] run(int mode, SecretKey key, byte[] nonce, String keyId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "payload does not decrypt under key id '"
              + keyId
              + "' (a different key with the same id, or altered data)");
    }
  }
}
