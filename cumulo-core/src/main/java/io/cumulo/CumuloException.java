package io.cumulo;

/**
 * An error in what the user gave Cumulo: a file it cannot read, a parameter out of range, a model that does
 * not fit the data. The message is one line, names the file, row, column or parameter at fault, and says
 * what was expected. Anything else thrown from Cumulo is a bug.
 */
public class CumuloException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CumuloException(String message) {
        super(message);
    }

    public CumuloException(String message, Throwable cause) {
        super(message, cause);
    }
}
