package io.ringside.clients;

/** The manager who owns a client: the only one who works it. */
public record Owner(long id, String login, String fullName) {
}
