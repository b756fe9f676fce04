package io.sparksweep.data;

import java.nio.file.Path;

/** What became of one picture file: the network's input made from it, or why it was refused. */
public sealed interface PictureResult {

    Path file();

    /** @param pixels {@code side * side} grey bytes, row-major, item light on black (see {@link PhotoPreparation}) */
    record Prepared(Path file, byte[] pixels) implements PictureResult {
    }

    /** @param message one line that starts with the file's name and says why */
    record Refused(Path file, PictureProblem problem, String message) implements PictureResult {
    }
}
