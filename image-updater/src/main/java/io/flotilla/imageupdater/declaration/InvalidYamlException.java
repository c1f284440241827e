package io.flotilla.imageupdater.declaration;

/** A file that does not parse as YAML; the message names the file and, where the parser says, the line. */
public class InvalidYamlException extends RuntimeException {

    public InvalidYamlException(String message) {
        super(message);
    }
}
