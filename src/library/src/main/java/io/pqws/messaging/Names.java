package io.pqws.messaging;

import java.util.regex.Pattern;

/**
 * Room and topic names: 1 to 64 characters, letters, digits, {@code .}, {@code _} and {@code -}, starting with a
 * letter or digit.
 *
 * <p>Why so strict: names appear in URLs, logs and other users' screens; anything that could be a path, markup or a
 * control character is kept out at the door.
 */
public final class Names {

    static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private Names() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
