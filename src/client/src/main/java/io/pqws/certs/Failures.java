package io.pqws.certs;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns an exception into the one line a person reads: the file and what went wrong with it.
 *
 * <p>Why: the JDK leaves the reason of its most common file errors empty ({@code AccessDeniedException: /x}), and a
 * command-line tool should say "permission denied", never print a stack trace.
 */
final class Failures {

    private Failures() {
    }

    static String describe(Exception e) {
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + reason(f);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getClass().getSimpleName();
    }
}
