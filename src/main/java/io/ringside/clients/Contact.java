package io.ringside.clients;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A person at a client company.
 *
 * @param phoneNumbers the contact's own numbers, in E.164; a call from one of them finds
 * this contact
 */
public record Contact(long id, long clientId, String fullName, @Nullable String position, @Nullable String email,
		List<String> phoneNumbers) {
}
