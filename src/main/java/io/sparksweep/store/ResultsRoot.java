package io.sparksweep.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where results live: a local folder or a folder on any Hadoop file system ({@code file:}, {@code hdfs:},
 * {@code s3a:}, {@code abfs:}, ...). Everything below it is read and written through Hadoop's
 * {@code FileSystem} API, the same one Spark reads the tables with.
 */
public final class ResultsRoot {

    /** A scheme of two or more letters; one letter would be a Windows drive. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /**
     * Stores whose rename copies (not atomic, not cheap): files there are published by writing them whole
     * under their final name (an object appears complete when its upload ends), never by rename.
     */
    private static final Set<String> OBJECT_STORES = Set.of("s3", "s3a", "s3n", "gs", "oss", "cos", "cosn",
            "obs", "wasb", "wasbs", "abfs", "abfss");

    private final URI uri;

    private ResultsRoot(URI uri) {
        this.uri = uri;
    }

    /**
     * @param location a local path ({@code results}, {@code /data/sweeps}) or a URI with a scheme
     *                 ({@code hdfs://namenode:8020/sweeps}, {@code s3a://bucket/sweeps}, {@code file:/tmp/r})
     * @throws IllegalArgumentException naming the location when it is neither
     */
    public static ResultsRoot of(String location) {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("results location is empty");
        }
        if (!SCHEME.matcher(location).matches()) {
            return of(Path.of(location));
        }
        URI parsed;
        try {
            parsed = new URI(location).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("results location '" + cap(location) + "' is not a path or URI: "
                    + e.getReason());
        }
        if ("file".equalsIgnoreCase(parsed.getScheme())) {
            return of(Path.of(parsed));
        }
        if (parsed.getPath() == null || parsed.getPath().isEmpty()) {
            throw new IllegalArgumentException("results location '" + cap(location)
                    + "' has no path (expected e.g. hdfs://namenode:8020/sweeps)");
        }
        try {
            return new ResultsRoot(new URI(parsed.getScheme().toLowerCase(Locale.ROOT), parsed.getAuthority(),
                    stripSlash(parsed.getPath()), null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("results location '" + cap(location) + "': " + e.getReason());
        }
    }

    public static ResultsRoot of(Path local) {
        return new ResultsRoot(local.toAbsolutePath().normalize().toUri());
    }

    /**
     * The root as Hadoop's {@code Path(String)} and Spark's readers take it, without a trailing slash, e.g.
     * {@code hdfs://nn:8020/sweeps} or {@code file:///r}: unescaped, since they do not decode percent escapes and
     * would take {@code file:///my%20results} for a folder named "my%20results".
     */
    public String uri() {
        String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
        return stripSlash(uri.getScheme() + "://" + authority + uri.getPath());
    }

    URI toUri() {
        return uri;
    }

    /** The location of a sweep folder below this root, as a URI string. */
    public String sweepLocation(String sweep) {
        return uri() + "/" + sweep;
    }

    /** A sweep folder below this root as users name it: a local path, or the URI (see {@link #toString}). */
    public String sweepFolder(String sweep) {
        return isLocal() ? localPath().resolve(sweep).toString() : sweepLocation(sweep);
    }

    public boolean isLocal() {
        return "file".equals(uri.getScheme());
    }

    /** The local folder of a {@code file:} root. */
    public Path localPath() {
        if (!isLocal()) {
            throw new IllegalStateException(uri() + " is not a local folder");
        }
        return Path.of(uri);
    }

    /** False on object stores, where a rename is a copy: see {@link #OBJECT_STORES}. */
    boolean atomicRename() {
        return !OBJECT_STORES.contains(uri.getScheme());
    }

    /** What users typed for a local root (a plain path), else the URI. */
    @Override
    public String toString() {
        return isLocal() ? localPath().toString() : uri();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResultsRoot root && root.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    private static String stripSlash(String text) {
        return text.length() > 1 && text.endsWith("/") && !text.endsWith(":///")
                ? text.substring(0, text.length() - 1) : text;
    }

    /** Quotes of user input in messages stay short. */
    private static String cap(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
