package io.flotilla.testing.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Writes a YAML file as {@code sops --encrypt --age <recipients> --encrypted-regex <regex>} does: a random 32-byte data
 * key; every value under a key the regex finds encrypted as {@code ENC[AES256_GCM,data:,iv:,tag:,type:]} (AES-256-GCM,
 * a 32-byte IV, the value's path joined with ':' as associated data); the MAC (SHA-512 over every value in order,
 * upper-case hex) encrypted with the {@code lastmodified} time as associated data; the data key wrapped for each
 * recipient by the real {@code age} command line. Written for tests, from SOPS' documented format.
 */
public final class SopsWriter {

    /** What Flux's documentation has SOPS encrypt in Kubernetes Secrets. */
    public static final String SECRET_FIELDS = "^(data|stringData)$";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final byte[] dataKey = new byte[32];
    private final Pattern encrypted;

    private SopsWriter(String encryptedRegex) {
        RANDOM.nextBytes(dataKey);
        this.encrypted = Pattern.compile(encryptedRegex);
    }

    /** The text of {@code documents} encrypted for {@code recipients}, the values the regex finds encrypted. */
    public static String encrypt(List<Map<String, Object>> documents, String encryptedRegex, String... recipients) {
        SopsWriter writer = new SopsWriter(encryptedRegex);
        MessageDigest mac = sha512();
        List<Map<String, Object>> written = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            written.add(writer.castMap(writer.walk(document, List.of(), mac)));
        }
        String lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        List<Map<String, Object>> age = new ArrayList<>();
        for (String recipient : recipients) {
            age.add(Map.of("recipient", recipient, "enc", AgeCli.encrypt(writer.dataKey, recipient)));
        }
        metadata.put("age", age);
        metadata.put("lastmodified", lastModified);
        metadata.put("mac", writer.seal(HexFormat.of().withUpperCase().formatHex(mac.digest()), lastModified, "str"));
        metadata.put("encrypted_regex", encryptedRegex);
        metadata.put("version", "3.8.1");
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> document : written) {
            Map<String, Object> withMetadata = new LinkedHashMap<>(document);
            withMetadata.put("sops", metadata);
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            try {
                text.append(YAML.writeValueAsString(withMetadata));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    /** A Secret's file as Flux's guide has it encrypted: only {@code data} and {@code stringData}. */
    public static String encryptSecret(Map<String, Object> secret, String... recipients) {
        return encrypt(List.of(secret), SECRET_FIELDS, recipients);
    }

    private Object walk(Object value, List<String> path, MessageDigest mac) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, child) -> {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(String.valueOf(key));
                out.put(String.valueOf(key), walk(child, deeper, mac));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(child -> walk(child, path, mac)).toList();
        }
        String type = value instanceof Boolean ? "bool" : value instanceof Integer || value instanceof Long ? "int"
                : value instanceof Double ? "float" : "str";
        String text = value instanceof Boolean flag ? (flag ? "True" : "False") : String.valueOf(value);
        mac.update(text.getBytes(StandardCharsets.UTF_8));
        if (path.stream().noneMatch(key -> encrypted.matcher(key).find()) || "".equals(value)) {
            return value;
        }
        return seal(value instanceof Boolean flag ? String.valueOf(flag) : String.valueOf(value),
                String.join(":", path) + ":", type);
    }

    private String seal(String plain, String additionalData, String type) {
        byte[] iv = new byte[32];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return "ENC[AES256_GCM,data:" + base64.encodeToString(Arrays.copyOf(sealed, sealed.length - 16))
                    + ",iv:" + base64.encodeToString(iv)
                    + ",tag:" + base64.encodeToString(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length))
                    + ",type:" + type + "]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
