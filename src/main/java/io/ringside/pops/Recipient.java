package io.ringside.pops;

/**
 * Someone whose phone rings for a call: their login and name, and the phone
 * ({@code PJSIP/101}) it rings on.
 */
record Recipient(String login, String name, String device) {
}
