package io.sparksweep.data;

/** Why a picture file was refused; each refusal also carries a one-line message naming the file. */
public enum PictureProblem {
    /** No file at that path. */
    MISSING,
    /** A directory or a device, not a regular file. */
    NOT_A_FILE,
    /** The file exists but cannot be opened or read. */
    UNREADABLE,
    /** Zero bytes, or an image that declares no pixels. */
    EMPTY,
    /** Not a PNG, JPEG, BMP or GIF. */
    NOT_AN_IMAGE,
    /** The header declares more pixels (width x height) than the limit. */
    TOO_LARGE,
    /** The header declares a side longer than 65,535 pixels (more than JPEG or GIF can hold), whatever the limit. */
    SIDE_TOO_LONG,
    /** The data ends before the image does. */
    TRUNCATED,
    /** Any other decoding failure: corrupt data, an unsupported variant of a format. */
    UNDECODABLE
}
