package io.flotilla.registrysecrets.fleetseed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.registrysecrets.pullsecret.PullSecretSync;
import io.flotilla.registrysecrets.pullsecret.Seed;

/**
 * A fleet seed's file: a {@code .dockerconfigjson} as {@code kubectl create secret docker-registry} makes it (a JSON
 * object with an {@code auths} object), read into the data of a {@value PullSecretSync#DOCKER_CONFIG_JSON} Secret.
 * A file that is missing or not such JSON makes an unusable seed whose message says why and where, never what the
 * file holds: a parser's own message may quote it, so only the line and column are kept.
 */
final class DockerConfigFile {

    static final String KEY = ".dockerconfigjson";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfigFile() {
    }

    static Seed read(String seedName, Path file) {
        String title = "fleet seed " + seedName + ": its file " + file;
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Seed.unusable(seedName, Seed.NOT_FOUND, title + " does not exist; existing copies are left as"
                    + " they are");
        } catch (IOException e) {
            return Seed.unusable(seedName, Seed.NOT_FOUND, title + " cannot be read (" + e.getClass().getSimpleName()
                    + "); existing copies are left as they are");
        }
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            return notDockerConfig(seedName, title + " is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return notDockerConfig(seedName, title + " cannot be read as JSON");
        }
        if (root == null || !root.path("auths").isObject()) {
            return notDockerConfig(seedName, title + " has no \"auths\" object");
        }
        return Seed.usable(seedName, Map.of(KEY, Base64.getEncoder().encodeToString(content)));
    }

    private static Seed notDockerConfig(String seedName, String problem) {
        return Seed.unusable(seedName, Seed.NOT_DOCKER_CONFIG_JSON, problem + ": a " + PullSecretSync.DOCKER_CONFIG_JSON
                + " file is a JSON object with an \"auths\" object, as kubectl create secret docker-registry writes it;"
                + " existing copies are left as they are");
    }
}
