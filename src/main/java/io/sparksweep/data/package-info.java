/**
 * The images a sweep trains on: the shipped Fashion-MNIST ({@link io.sparksweep.data.ShippedDataset}) or any IDX set
 * ({@link io.sparksweep.data.IdxReader}), held as raw bytes ({@link io.sparksweep.data.ImageSet}) because that is what
 * Spark broadcasts, and cut into train, validation and test splits ({@link io.sparksweep.data.DataPreparation},
 * {@link io.sparksweep.data.PreparedData}); and an ordinary photo made into such an image
 * ({@link io.sparksweep.data.PhotoPreparation}).
 *
 * <p>May import: nothing of sparksweep. No Spark, DL4J or ND4J.
 */
package io.sparksweep.data;
