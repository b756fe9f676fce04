/**
 * The results on disk, on any Hadoop file system below a {@link io.sparksweep.store.ResultsRoot}. Per sweep a
 * {@link io.sparksweep.store.SweepStore}: the writer's lock ({@link io.sparksweep.store.SweepLock}), the one journal
 * of finished runs not yet in the tables, a sweep's and a rerun's ({@link io.sparksweep.store.RunJournal},
 * {@link io.sparksweep.store.RunRecordJson}, {@link io.sparksweep.store.RerunRecord}), and the Parquet tables
 * ({@link io.sparksweep.store.Table}, {@link io.sparksweep.store.TableSchemas}) that consolidation
 * ({@link io.sparksweep.store.Consolidation}, rows by {@link io.sparksweep.store.RunRows}) publishes together as one
 * snapshot ({@link io.sparksweep.store.SweepTables}); the rows a search writes ({@link io.sparksweep.store.RaceRecord},
 * {@link io.sparksweep.store.PromotionRecord}). The read side: {@link io.sparksweep.store.SweepResults},
 * {@link io.sparksweep.store.StoredSweep} (what a rerun needs of a finished sweep) and
 * {@link io.sparksweep.store.SqlViews} (SQL over every sweep, plus the derived {@code class_summary},
 * {@code marginals} and {@code budget} views). {@link io.sparksweep.store.SweepCopy} copies a sweep's tables to
 * another results folder as one snapshot. Every file is written whole ({@link io.sparksweep.store.StoreFs}), so
 * a kill -9 at any instant must leave the last published state readable.
 *
 * <p>May import: {@code stats}, {@code run}.
 */
package io.sparksweep.store;
