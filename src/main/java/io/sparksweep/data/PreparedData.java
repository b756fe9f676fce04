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

    /**
     * The same images with the validation split added to training and no validation left: what a final model
     * trains on once early stopping has settled the epoch count. Same images, so the same fingerprint.
     */
    public PreparedData withValidationInTraining() {
        ImageSet none = new ImageSet(new byte[0], new byte[0], train.rows(), train.cols());
        return new PreparedData(train.concat(validation), none, test, classNames, fingerprint);
    }

    /** SHA-256 of the test split alone, which a saved model's evaluation checks before comparing accuracies. */
    public String testFingerprint() {
        return DataPreparation.fingerprint(test);
    }
}
