/**
 * Corral's Error Prone checks: {@code LeakedFuture}, {@code UnscopedTask} and {@code UncheckedGatherError} find
 * concurrent work whose failure nobody can observe, and suggest fixes that give it an owner.
 */
package dev.corral.checker;
