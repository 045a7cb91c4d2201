/** Corral's runtime: {@link dev.corral.TaskGroup}, {@link dev.corral.Gather} and {@link dev.corral.Outcome}. */
module dev.corral {
  exports dev.corral;
}
