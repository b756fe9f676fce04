package io.sparksweep.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer per sweep folder: the file {@code <sweep>/_lock} names its owner (host, pid, start time, a
 * token). It is created exclusively; while held, a daemon thread rewrites it every quarter lease, so its
 * modification time (the file system's clock, not the hosts') says the owner is alive.
 *
 * <p>A lock is taken over when its owner is gone: on the same host when its pid is dead (or now belongs to
 * a process started after the lock); from another host when it was not renewed for a whole lease. The
 * taker first renames the stale lock aside (only one taker's rename succeeds) and then creates its own.
 */
final class SweepLock implements AutoCloseable {

    static final String FILE = "_lock";
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(SweepLock.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The owner as written in the lock file. */
    record Owner(String host, long pid, long startedAt, String token) {

        String describe() {
            return "host " + host + ", pid " + pid + ", since " + Instant.ofEpochMilli(startedAt);
        }
    }

    private final StoreFs fs;
    private final Path file;
    private final String folder;
    private final Owner me;
    private final String takeover;
    /** When the owner this lock was taken over from began, if its lock file said. */
    private final Long abandonedSince;
    private final ScheduledExecutorService renewer;
    private volatile boolean lost;

    private SweepLock(StoreFs fs, Path file, String folder, Owner me, String takeover, Long abandonedSince,
                      Duration lease) {
        this.fs = fs;
        this.abandonedSince = abandonedSince;
        this.file = file;
        this.folder = folder;
        this.me = me;
        this.takeover = takeover;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sparksweep-lock-" + file.getParent().getName());
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, lease.toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * @param folder the sweep folder as users know it, for messages
     * @throws SweepBusyException when a live owner holds the lock
     */
    static SweepLock acquire(StoreFs fs, Path sweepDir, String folder, Duration lease) {
        Path file = new Path(sweepDir, FILE);
        Owner me = new Owner(localHost(), ProcessHandle.current().pid(), System.currentTimeMillis(),
                UUID.randomUUID().toString());
        try {
            if (fs.createExclusive(file, bytes(me))) {
                return new SweepLock(fs, file, folder, me, null, null, lease);
            }
            Optional<FileStatus> status = fs.status(file);
            Optional<Owner> owner = read(fs, file);
            if (status.isEmpty()) {
                return acquireAgain(fs, file, folder, me, lease);
            }
            String why = owner.map(o -> whyGone(o, status.get(), lease))
                    .orElseGet(() -> unreadableGone(status.get(), lease));
            if (why == null) {
                throw busy(folder, owner.map(Owner::describe).orElse("an owner still writing the lock file"));
            }
            Path aside = new Path(sweepDir, "." + FILE + ".stale-" + me.token());
            if (!fs.rename(file, aside)) {
                throw busy(folder, "another process taking over the same stale lock");
            }
            Optional<Owner> moved = read(fs, aside);
            if (!moved.map(Owner::token).equals(owner.map(Owner::token))) {
                // Someone else took over between our read and our rename: theirs is live, give it back.
                fs.rename(aside, file);
                throw busy(folder, moved.map(Owner::describe).orElse("another process"));
            }
            fs.deleteQuietly(aside);
            if (!fs.createExclusive(file, bytes(me))) {
                throw busy(folder, read(fs, file).map(Owner::describe).orElse("another process"));
            }
            String line = "took over the lock of " + folder + " from "
                    + owner.map(Owner::describe).orElse("an unreadable lock file") + " (" + why + ")";
            LOG.warn(line);
            return new SweepLock(fs, file, folder, me, line,
                    owner.map(Owner::startedAt).filter(t -> t > 0).orElse(null), lease);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + folder + ": " + StoreFs.firstLine(e), e);
        }
    }

    private static SweepLock acquireAgain(StoreFs fs, Path file, String folder, Owner me, Duration lease)
            throws IOException {
        // The owner released it between our create and our look: one more try, then give up.
        if (fs.createExclusive(file, bytes(me))) {
            return new SweepLock(fs, file, folder, me, null, null, lease);
        }
        throw busy(folder, read(fs, file).map(Owner::describe).orElse("another process"));
    }

    /** Why the owner is gone, or null while it may be alive. */
    static String whyGone(Owner owner, FileStatus status, Duration lease) {
        if (owner.host().equals(localHost())) {
            Optional<ProcessHandle> process = ProcessHandle.of(owner.pid());
            if (process.isEmpty() || !process.get().isAlive()) {
                return "pid " + owner.pid() + " is not running";
            }
            Optional<Instant> started = process.get().info().startInstant();
            // Pids are reused: a process younger than the lock is not its owner (1 s for clock granularity).
            if (started.isPresent() && started.get().toEpochMilli() > owner.startedAt() + 1000) {
                return "pid " + owner.pid() + " now belongs to a process started after the lock";
            }
            return null;
        }
        return unreadableGone(status, lease) == null ? null
                : "not renewed for " + Duration.ofMillis(age(status)).toSeconds() + " s (lease "
                + lease.toSeconds() + " s)";
    }

    private static String unreadableGone(FileStatus status, Duration lease) {
        return age(status) > lease.toMillis() ? "not renewed for " + age(status) / 1000 + " s" : null;
    }

    private static long age(FileStatus status) {
        return System.currentTimeMillis() - status.getModificationTime();
    }

    static Optional<Owner> read(StoreFs fs, Path file) throws IOException {
        Optional<byte[]> content = fs.read(file);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(content.get());
            return Optional.of(new Owner(node.path("host").asText("?"), node.path("pid").asLong(-1),
                    node.path("started").asLong(0), node.path("token").asText("")));
        } catch (IOException partial) {
            return Optional.empty();
        }
    }

    /** Set when the lock was taken from us (we were presumed dead): this process must not publish tables. */
    boolean lost() {
        return lost;
    }

    /** Throws unless this process still holds the lock: checked before anything becomes visible to readers. */
    void check() {
        try {
            if (lost || !read(fs, file).map(Owner::token).equals(Optional.of(me.token()))) {
                lost = true;
                throw new SweepBusyException("lost the lock of " + folder + " to another process ("
                        + read(fs, file).map(Owner::describe).orElse("none") + "); finished runs are journaled, "
                        + "run again once it is done");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock of " + folder + ": " + StoreFs.firstLine(e), e);
        }
    }

    /** The line to show when this lock was taken over from a gone owner. */
    Optional<String> takeover() {
        return Optional.ofNullable(takeover);
    }

    /** When the gone owner this lock was taken over from began: whatever it wrote after that, it may not have finished. */
    java.util.OptionalLong abandonedSince() {
        return abandonedSince == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(abandonedSince);
    }

    Owner owner() {
        return me;
    }

    private void renew() {
        try {
            if (!read(fs, file).map(Owner::token).equals(Optional.of(me.token()))) {
                lost = true;
                LOG.warn("the lock of {} is no longer ours; tables will not be published by this process", folder);
                renewer.shutdown();
                return;
            }
            fs.writeWhole(file, bytes(me));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot renew the lock of {}: {}", folder, StoreFs.firstLine(e));
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS);
            if (read(fs, file).map(Owner::token).equals(Optional.of(me.token()))) {
                fs.delete(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot release the lock of {}: {}", folder, StoreFs.firstLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] bytes(Owner owner) {
        ObjectNode node = JSON.createObjectNode();
        node.put("host", owner.host());
        node.put("pid", owner.pid());
        node.put("started", owner.startedAt());
        node.put("started_utc", Instant.ofEpochMilli(owner.startedAt()).toString());
        node.put("token", owner.token());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }

    private static SweepBusyException busy(String folder, String owner) {
        return new SweepBusyException("sweep folder " + folder + " is busy: another run writes it (" + owner
                + "); wait for it to finish or stop it");
    }
}
