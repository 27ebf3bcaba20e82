package io.pqws.profile;

/**
 * A PQ profile that cannot be used as written. The message names the file, the setting and what is wrong,
 * because a security profile must fail loudly at startup rather than fall back to something weaker.
 */
public class ProfileException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
