package org.vaelab.kernel;

/** A cell that does not compile; the message already points at the line and says why. */
public final class CompilationException extends Exception {
    public CompilationException(String message) {
        super(message);
    }
}
