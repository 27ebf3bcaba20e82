package io.pqws.certs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the output directory (0700) and writes its files (0600) so that only their owner can read them, each file
 * replaced atomically. On a file system without POSIX permissions the files are written with its defaults.
 *
 * <p>Why: the directory holds private keys. A key must never exist, even for a moment, with looser permissions or
 * half-written: a reader sees the old file or the new one, and the permissions are set before the first byte.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates the directory (its missing parents with default permissions) or tightens an existing one to 0700. */
    static void createDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                throw new NotDirectoryException(e.getFile()); // a file stands where a directory is needed
            }
        }
        if (isPosix(dir) && !Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /** Writes the file through a 0600 temporary file in the same directory, then moves it into place. */
    static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            boolean posix = isPosix(dir);
            Path temp = posix
                    ? Files.createTempFile(dir, ".pqws-", ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                    : Files.createTempFile(dir, ".pqws-", ".tmp");
            try {
                if (posix) {
                    Files.setPosixFilePermissions(temp, FILE); // exactly 0600, whatever the umask took away
                }
                Files.write(temp, content);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f ? Failures.reason(f) : e.getMessage();
            throw new IOException(file + ": cannot write: " + reason, e);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
