package io.sparksweep.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A separate process that takes a sweep's lock the way a store does, says so on stdout, and keeps it (renewing
 * it) until killed: the other writer of the lock tests. Arguments: results root, sweep name.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        ResultsRoot root = ResultsRoot.of(args[0]);
        StoreFs fs = StoreFs.of(root, new Configuration());
        Path sweepDir = new Path(root.sweepLocation(args[1]));
        fs.mkdirs(sweepDir);
        try (SweepLock lock = SweepLock.acquire(fs, sweepDir, sweepDir.toString(), SweepLock.DEFAULT_LEASE)) {
            System.out.println("locked " + lock.owner().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
