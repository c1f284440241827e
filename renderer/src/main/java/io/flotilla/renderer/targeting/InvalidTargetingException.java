package io.flotilla.renderer.targeting;

/**
 * The targeting file cannot be used: its message names the file, the line and the reason, as every rendering of
 * the commit then reports it.
 */
public final class InvalidTargetingException extends Exception {

    private final int line;

    /** @param line the line of the file at fault, from 1; 0 when no line can be named */
    public InvalidTargetingException(int line, String reason) {
        super(TargetingFile.NAME + (line > 0 ? ": line " + line : "") + ": " + reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
