package org.example.intake.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the command's FILE arguments: a path, or {@code -} for standard input. */
final class InputFiles {

    /** The argument that stands for standard input. */
    static final String STDIN = "-";

    private InputFiles() {
    }

    /**
     * A UTF-8 reader over the file (malformed bytes become U+FFFD, so the record is refused
     * rather than the file). For {@link #STDIN} the reader wraps {@code stdin}, and closing it
     * leaves standard input open.
     *
     * @throws IOException when the file is missing, a directory or not readable
     */
    static Reader open(String file, InputStream stdin) throws IOException {
        return new InputStreamReader(openStream(file, stdin), StandardCharsets.UTF_8);
    }

    /** As {@link #open}, the bytes. */
    static InputStream openStream(String file, InputStream stdin) throws IOException {
        return STDIN.equals(file) ? new UnclosedInputStream(stdin) : openFile(file);
    }

    private static InputStream openFile(String file) throws IOException {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        return Files.newInputStream(path);
    }

    /** Why a file could not be read, in a few words for a message on standard error. */
    static String reason(IOException failure) {
        if (failure instanceof NoSuchFileException || failure instanceof FileNotFoundException) {
            return "no such file";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static final class UnclosedInputStream extends java.io.FilterInputStream {
        UnclosedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // standard input belongs to the caller
        }
    }
}
