/**
 * A trained policy shown and kept: restored at a committed iteration ({@link TrainedPolicy}), drawn
 * beside the reference as an animated GIF ({@link StickFigure}, {@link AnimatedGif}), recorded as an
 * Isaac Lab motion file ({@link MotionRecording}).
 */
package dev.ampj.ops.playback;
