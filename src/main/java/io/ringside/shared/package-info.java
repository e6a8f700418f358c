/**
 * The shared kernel: small pieces of code every module may use, which depend on nothing
 * of Ringside's (only on the JDK, Reactor and the logging API).
 */
@NullMarked
package io.ringside.shared;

import org.jspecify.annotations.NullMarked;
