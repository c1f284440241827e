package io.flotilla.applier.sops;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A SOPS-encrypted YAML file as committed: its data key opened with an age identity (the {@code sops.age}
 * recipients; PGP, KMS and Vault keys are refused by name), every {@code ENC[AES256_GCM,...]} value opened with it
 * (its path in the document as associated data), and the file's MAC (SHA-512 over the values in order, sealed with
 * the data key and {@code lastmodified}) checked, so that a value altered, moved or left out is refused.
 */
final class SopsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENCRYPTED = Pattern.compile(
            "^ENC\\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)]$", Pattern.DOTALL);
    private static final byte[] MAC_ONLY_ENCRYPTED = HexFormat.of().parseHex(
            "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");
    private static final List<String> OTHER_KEY_TYPES = List.of("pgp", "kms", "gcp_kms", "azure_kv", "hc_vault");

    private final Map<String, Object> metadata;
    private final List<Map<String, Object>> documents;

    private SopsFile(Map<String, Object> metadata, List<Map<String, Object>> documents) {
        this.metadata = metadata;
        this.documents = documents;
    }

    static SopsFile parse(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> read = YAML.readerFor(new TypeReference<Map<String, Object>>() {
        }).readValues(text)) {
            while (read.hasNextValue()) {
                Map<String, Object> document = read.nextValue();
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SopsException("it is not YAML: " + e.getMessage());
        }
        if (documents.isEmpty() || !(documents.get(0).get("sops") instanceof Map<?, ?> first)) {
            throw new SopsException("it has no sops metadata");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) first;
        List<Map<String, Object>> trees = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            Map<String, Object> tree = new LinkedHashMap<>(document);
            tree.remove("sops");
            trees.add(tree);
        }
        return new SopsFile(metadata, trees);
    }

    /**
     * Every encrypted value of the file, by its encrypted text, opened.
     *
     * @throws SopsException when no identity opens the data key, a value does not open, or the MAC does not match
     */
    Map<String, Object> decrypt(List<AgeIdentity> identities) {
        return decrypt(dataKey(identities));
    }

    /** Every encrypted value of the file, by its encrypted text, opened with the file's data key. */
    Map<String, Object> decrypt(byte[] dataKey) {
        Map<String, Object> opened = new LinkedHashMap<>();
        MessageDigest hash = sha512();
        boolean macOnlyEncrypted = Boolean.TRUE.equals(metadata.get("mac_only_encrypted"));
        if (macOnlyEncrypted) {
            hash.update(MAC_ONLY_ENCRYPTED);
        }
        for (Map<String, Object> document : documents) {
            walk(document, new ArrayList<>(), (value, path) -> {
                boolean encrypted = value instanceof String text && ENCRYPTED.matcher(text).matches();
                Object clear = value;
                if (encrypted) {
                    clear = decryptValue(dataKey, (String) value, String.join(":", path) + ":");
                    opened.put((String) value, clear);
                } else if (shouldBeEncrypted(path) && !"".equals(value)) {
                    throw new SopsException("the value at " + String.join(".", path)
                            + " is in clear where SOPS encrypts: it was altered after encryption");
                }
                if (!macOnlyEncrypted || encrypted) {
                    hash.update(macBytes(clear));
                }
            });
        }
        String computed = HexFormat.of().withUpperCase().formatHex(hash.digest());
        Object mac = metadata.get("mac");
        Object lastModified = metadata.get("lastmodified");
        if (!(mac instanceof String sealedMac) || !(lastModified instanceof String modified)) {
            throw new SopsException("its sops metadata has no mac or lastmodified");
        }
        Object fileMac;
        try {
            fileMac = decryptValue(dataKey, sealedMac, modified);
        } catch (SopsException e) {
            throw new SopsException("its MAC does not open: the file's lastmodified or mac was altered");
        }
        if (!computed.equals(fileMac)) {
            throw new SopsException("MAC mismatch: a value was altered, added or removed after encryption");
        }
        return opened;
    }

    private byte[] dataKey(List<AgeIdentity> identities) {
        List<String> recipients = new ArrayList<>();
        if (metadata.get("age") instanceof List<?> stanzas) {
            for (Object stanza : stanzas) {
                if (stanza instanceof Map<?, ?> age && age.get("enc") instanceof String enc) {
                    recipients.add(String.valueOf(age.get("recipient")));
                    Optional<byte[]> key;
                    try {
                        key = AgeFile.open(enc, identities);
                    } catch (IllegalArgumentException e) {
                        throw new SopsException("the data key for age recipient " + age.get("recipient") + ": "
                                + e.getMessage());
                    }
                    if (key.isPresent()) {
                        if (key.get().length != 32) {
                            throw new SopsException("its data key is not 32 bytes");
                        }
                        return key.get();
                    }
                }
            }
        }
        if (recipients.isEmpty()) {
            List<String> others = OTHER_KEY_TYPES.stream().filter(type -> metadata.get(type) instanceof List<?> keys
                    && !keys.isEmpty()).toList();
            throw new SopsException("it is encrypted for " + (others.isEmpty() ? "no key" : String.join(", ", others))
                    + " only; Flotilla decrypts SOPS files for age recipients only: add an age recipient"
                    + " (sops updatekeys with an age key in .sops.yaml)");
        }
        List<String> have = identities.stream().map(AgeIdentity::recipient).toList();
        throw new SopsException("no age identity Flotilla has opens it: it is encrypted for " + String.join(", ",
                recipients) + "; the identities given are for " + (have.isEmpty() ? "nothing (none given)"
                        : String.join(", ", have)));
    }

    private boolean shouldBeEncrypted(List<String> path) {
        boolean encrypted = true;
        if (metadata.get("unencrypted_suffix") instanceof String suffix && !suffix.isEmpty()) {
            encrypted = path.stream().noneMatch(key -> key.endsWith(suffix));
        }
        if (metadata.get("encrypted_suffix") instanceof String suffix && !suffix.isEmpty()) {
            encrypted = path.stream().anyMatch(key -> key.endsWith(suffix));
        }
        if (metadata.get("unencrypted_regex") instanceof String regex && !regex.isEmpty()) {
            Pattern pattern = Pattern.compile(regex);
            if (path.stream().anyMatch(key -> pattern.matcher(key).find())) {
                encrypted = false;
            }
        }
        if (metadata.get("encrypted_regex") instanceof String regex && !regex.isEmpty()) {
            Pattern pattern = Pattern.compile(regex);
            encrypted = path.stream().anyMatch(key -> pattern.matcher(key).find());
        }
        return encrypted;
    }

    private static Object decryptValue(byte[] dataKey, String text, String additionalData) {
        Matcher parts = ENCRYPTED.matcher(text);
        if (!parts.matches()) {
            throw new SopsException("a value is not ENC[AES256_GCM,...]");
        }
        byte[] plain;
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] data = base64.decode(parts.group(1));
            byte[] iv = base64.decode(parts.group(2));
            byte[] tag = base64.decode(parts.group(3));
            byte[] sealed = new byte[data.length + tag.length];
            System.arraycopy(data, 0, sealed, 0, data.length);
            System.arraycopy(tag, 0, sealed, data.length, tag.length);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
            plain = cipher.doFinal(sealed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SopsException("the value at " + additionalData.replaceAll(":$", "").replace(':', '.')
                    + " does not open: altered, or moved from another place");
        }
        String clear = new String(plain, StandardCharsets.UTF_8);
        try {
            return switch (parts.group(4)) {
                case "str", "bytes" -> clear;
                case "int" -> Long.parseLong(clear);
                case "float" -> Double.parseDouble(clear);
                case "bool" -> Boolean.parseBoolean(clear);
                default -> throw new SopsException("a value of type " + parts.group(4) + ", which SOPS files of"
                        + " Kubernetes objects do not hold");
            };
        } catch (NumberFormatException e) {
            throw new SopsException("a value of type " + parts.group(4) + " that is not one");
        }
    }

    private static byte[] macBytes(Object value) {
        String text;
        if (value instanceof Boolean flag) {
            text = flag ? "True" : "False";
        } else if (value instanceof Double number) {
            text = BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        } else {
            text = String.valueOf(value);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void walk(Object value, List<String> path, Leaf leaf) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(String.valueOf(key));
                walk(child, deeper, leaf);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(child -> walk(child, path, leaf));
        } else if (value != null) {
            leaf.accept(value, path);
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-512: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Leaf {
        void accept(Object value, List<String> path);
    }
}
