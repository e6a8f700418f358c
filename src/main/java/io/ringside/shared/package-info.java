/**
 * The shared kernel: small pieces of code every module may use, which depend on nothing
 * of Ringside's (only on the JDK, Reactor and the logging API).
 */
package io.ringside.shared;
