package io.transfab.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;

/**
 * Recognises an I/O failure caused by the user's paths or environment (a missing file, permission
 * denied, a file where a directory is expected, a full disk...) anywhere in a cause chain and says in
 * one line which path and what went wrong. Such failures are bad input (exit 2), not internal errors.
 */
final class UserPathError {
    /** Operating-system reasons (strerror texts) that are about the user's paths or disk, not about transfab. */
    private static final List<String> ENVIRONMENT_REASONS = List.of("no space left on device", "disk quota exceeded",
            "read-only file system", "permission denied", "operation not permitted", "is a directory",
            "not a directory", "no such file or directory", "file name too long", "too many levels of symbolic links",
            "file exists", "directory not empty");

    private UserPathError() {
    }

    /** The one-line description of the first user path failure in the cause chain of {@code ex}, or null. */
    static String describe(Throwable ex) {
        for (Throwable t : Main.causeChain(ex)) {
            if (t instanceof FileSystemException fs) {
                return describe(fs);
            }
            if (t instanceof FileNotFoundException) {
                // java.io names the path and the reason: "out/x.csv (Permission denied)"
                return t.getMessage() == null ? "file not found" : t.getMessage();
            }
            if (t instanceof IOException && environmentReason(t.getMessage()) != null) {
                // A failed write may name no path ("No space left on device"); the cause is still the user's to fix.
                return t.getMessage();
            }
        }
        return null;
    }

    private static String describe(FileSystemException fs) {
        String path = fs.getFile() == null ? "a file" : fs.getFile();
        if (fs.getOtherFile() != null) {
            path += " -> " + fs.getOtherFile();
        }
        return path + ": " + reason(fs);
    }

    private static String reason(FileSystemException fs) {
        String known = environmentReason(fs.getReason());
        if (known != null) {
            return known;
        }
        if (fs instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (fs instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (fs instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (fs instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (fs instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (fs instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        return fs.getReason() == null ? "cannot be read or written" : fs.getReason().toLowerCase(Locale.ROOT);
    }

    /** The known environment reason that {@code message} states, in lower case, or null. */
    private static String environmentReason(String message) {
        if (message == null) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        for (String reason : ENVIRONMENT_REASONS) {
            if (m.contains(reason)) {
                return reason;
            }
        }
        return null;
    }
}
