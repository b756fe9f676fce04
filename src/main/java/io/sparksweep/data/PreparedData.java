package io.sparksweep.data;

import java.io.Serializable;
import java.util.List;

/**
 * The three splits one sweep trains on, identical for every run of the sweep.
 *
 * @param fingerprint SHA-256 of the exact bytes of all three splits (provenance, resume safety)
 */
public record PreparedData(ImageSet train, ImageSet validation, ImageSet test, List<String> classNames,
                           String fingerprint) implements Serializable {

    public int classes() {
        return classNames.size();
    }
}
