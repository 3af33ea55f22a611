/**
 * TensorBoard event files written without TensorFlow: TFRecord framing with masked CRC32C
 * ({@link TfRecord}), the few {@code Event}/{@code Summary} protobuf fields scalars need
 * ({@link SummaryEvents}), and one run session's file under {@code runs/<run>/tb/} ({@link EventFileWriter}).
 */
package dev.ampj.storage.tensorboard;
