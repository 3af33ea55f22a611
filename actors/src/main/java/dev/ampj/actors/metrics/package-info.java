/**
 * A run's curves under the names rsl_rl and TensorBoard users know: {@link RunScalars} maps a
 * commit to them, {@link TensorBoardListener} writes them to {@code runs/<run>/tb/} while training.
 */
package dev.ampj.actors.metrics;
