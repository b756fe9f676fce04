package io.sparksweep.store;

/**
 * Where a store's write may be cut short, for tests that crash it at each step in turn (a real exception
 * thrown from the real write path; nothing is simulated). Production stores use {@link #NONE}.
 */
@FunctionalInterface
interface StoreFaults {

    StoreFaults NONE = step -> { };

    /**
     * Called after each durable step: {@code table:<name>} once a table's new file is written,
     * {@code publish} once the new snapshot is visible, {@code journal} after each consumed journal entry is removed.
     */
    void after(String step);
}
