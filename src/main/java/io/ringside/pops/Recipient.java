package io.ringside.pops;

import org.jspecify.annotations.Nullable;

/**
 * Someone whose phone rings for a call: their login and name, and the phone
 * ({@code PJSIP/101}) it rings on; no phone for an employee without an extension reached
 * on another of their numbers.
 */
record Recipient(String login, String name, @Nullable String device) {
}
