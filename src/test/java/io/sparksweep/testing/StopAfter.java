package io.sparksweep.testing;

import io.sparksweep.engine.RunAssignment;
import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.TrainedRun;
import io.sparksweep.run.RunRecord;

import java.util.Optional;

/** A driver that starts only the first few runs of a source: what a crash after them leaves, minus the crash. */
public final class StopAfter implements RunSource {

    private final RunSource inner;
    private int left;

    public StopAfter(RunSource inner, int runs) {
        this.inner = inner;
        this.left = runs;
    }

    @Override
    public Optional<RunAssignment> next() {
        Optional<RunAssignment> next = left > 0 ? inner.next() : Optional.empty();
        next.ifPresent(run -> left--);
        return next;
    }

    @Override
    public void keep(TrainedRun trained) {
        inner.keep(trained);
    }

    @Override
    public void finished(RunRecord run) {
        inner.finished(run);
    }

    @Override
    public boolean exhausted() {
        return left <= 0 || inner.exhausted();
    }
}
