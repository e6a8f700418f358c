package io.ringside.team;

import org.jspecify.annotations.Nullable;

/**
 * A member of the team.
 *
 * @param extension the dial string of their phone, e.g. {@code PJSIP/101}; null for those
 * without one
 * @param deputyLogin who takes their clients' calls at a DEPUTY step of the rules of
 * work; null when nobody does
 */
public record Employee(long id, String login, String fullName, Role role, @Nullable String extension, boolean active,
		@Nullable String deputyLogin) {
}
