/**
 * Corral's Error Prone checks: {@code LeakedFuture}, {@code UnscopedTask} and {@code UncheckedGatherError} find
 * concurrent work whose failure nobody can observe, and suggest fixes that give it an owner.
 */
@CheckReturnValue
@NullMarked
package dev.corral.checker;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
