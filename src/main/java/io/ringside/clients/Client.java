package io.ringside.clients;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A client company as lists and searches show it.
 *
 * @param phoneNumbers the company's own numbers and its contacts' numbers, in E.164
 * @param archived archived clients keep their history and numbers but leave lists and
 * searches
 */
public record Client(long id, String name, @Nullable String taxId, String industry, boolean vip, Owner owner,
		List<String> phoneNumbers, Instant createdAt, boolean archived) {
}
