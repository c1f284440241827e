package io.flotilla.renderer.release;

/** A file that is not YAML: where the parser stopped and why, as a user fixes it. */
public class InvalidYamlException extends Exception {

    private final int line;
    private final int column;

    public InvalidYamlException(int line, int column, String reason, Throwable cause) {
        super("invalid YAML at line " + line + ", column " + column + ": " + reason, cause);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
