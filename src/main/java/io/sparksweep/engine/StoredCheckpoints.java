package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.space.TrialIds;
import io.sparksweep.store.SweepStore;
import io.sparksweep.train.RunTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints kept below the sweep folder through the store ({@code checkpoints/<trial>-<seed>-<what>.ckpt}, written
 * whole, so a kill leaves the old checkpoint or the new one). {@code <what>} hashes everything the run's numbers
 * depend on (network, training plan, data and its split, the state it continues from), so a checkpoint is only ever
 * taken up by the very run that wrote it: a rerun on train+validation never goes on from a checkpoint of a rerun that
 * early-stops, nor a changed spec from the old one's.
 */
public final class StoredCheckpoints implements RunCheckpoints {

    /** Long enough that a short run never pauses; short enough that a kill costs a few minutes of a long one. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    static final String FOLDER = "checkpoints/";
    private static final Logger LOG = LoggerFactory.getLogger(StoredCheckpoints.class);

    private final SweepStore store;
    private final PreparedData data;
    private final Duration every;
    private final PrintWriter console;
    /** Checkpoint files this loop knows exist, by run: the ones it found or wrote. */
    private final Map<RunKey, String> kept = new HashMap<>();

    /**
     * @param every   how long a run trains between checkpoints; null never to pause (checkpoints left earlier are still
     *                used)
     * @param console told of every run that goes on from a checkpoint
     */
    public StoredCheckpoints(SweepStore store, PreparedData data, Duration every, PrintWriter console) {
        this.store = store;
        this.data = data;
        this.every = every;
        this.console = console;
    }

    @Override
    public RunAssignment prepare(RunAssignment run) {
        String path = path(run);
        Optional<byte[]> bytes = store.readFile(path);
        RunTrainer.Paused resume = null;
        if (bytes.isPresent()) {
            try {
                resume = RunTrainer.Paused.of(bytes.get());
                kept.put(key(run), path);
                console.printf("  %s seed %d: goes on from its checkpoint after epoch %d (%.0f s trained)%n",
                        run.trial().trialId(), run.seed(), resume.epochsTrained(), resume.seconds());
                console.flush();
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: ignoring checkpoint {} ({}); the run trains from its start", run.sweep(), path, e.getMessage());
            }
        }
        return run.checkpointed(every, resume);
    }

    @Override
    public void save(RunAssignment continuation) {
        String path = path(continuation);
        store.writeFile(path, continuation.resume().checkpoint());
        kept.put(key(continuation), path);
    }

    @Override
    public void discard(RunRecord ended) {
        String path = kept.remove(new RunKey(ended.trialId(), ended.seed()));
        if (path != null) {
            store.deleteFile(path);
        }
    }

    private String path(RunAssignment run) {
        String start = run.startState() == null ? "" : TrialIds.sha256Hex(Base64.getEncoder().encodeToString(run.startState()));
        String what = String.join("\n", run.trial().networkJson(), run.trial().plan().toJson(), data.fingerprint(),
                Integer.toString(data.train().count()), Integer.toString(data.validation().count()), start);
        return FOLDER + run.trial().trialId() + "-" + run.seed() + "-" + TrialIds.sha256Hex(what).substring(0, 12) + ".ckpt";
    }

    private static RunKey key(RunAssignment run) {
        return new RunKey(run.trial().trialId(), run.seed());
    }
}
