/**
 * Corral's samples: {@code bad} holds code each check flags (compiled with warnings; {@code -Pgate} turns them
 * into errors), {@code fixed} holds the same code after the fix, with no finding.
 */
package dev.corral.samples;
