package org.watchkeeper.app;

import java.nio.file.Path;

import picocli.CommandLine.ITypeConverter;

/**
 * A folder option's path with its {@code .} and {@code ..} segments resolved in the text
 * ({@link Path#normalize()}): {@code --data ./a/../b} is {@code b}, also when {@code a} does not exist
 * (the operating system would resolve {@code a/..} only through an existing {@code a}), so that the
 * folder opened, the files made in it and every message name the same place. A path that normalises to
 * nothing ({@code a/..}) is the current folder, {@code .}.
 */
final class NormalPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        return of(value);
    }

    /** {@code value} as a normalised path; {@code .} for one that normalises to the empty path. */
    static Path of(String value) {
        Path p = Path.of(value).normalize();
        return p.toString().isEmpty() ? Path.of(".") : p;
    }
}
