package io.sparksweep.spec;

/**
 * @param dataset            fashion-mnist (the shipped copy) or idx (any 28x28 10-class IDX set, path required)
 * @param path               folder holding the four gzipped or plain IDX files
 * @param trainLimit         optional stratified subset of the training set
 * @param testLimit          optional stratified subset of the test set
 * @param validationFraction share of the (limited) training set held out for early stopping
 */
public record DataSpec(String dataset, String path, Integer trainLimit, Integer testLimit,
                       Double validationFraction) {
}
