package io.ringside.push;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * An employee signed in at the handshake; roles without the {@code ROLE_} prefix. A
 * principal itself, so that a session keeps this and not the sign-in's authentication.
 */
record StompUser(String login, Set<String> roles) implements Principal {

	static StompUser of(Principal principal) {
		if (principal instanceof StompUser user) {
			return user;
		}
		Set<String> roles = principal instanceof Authentication authentication ? authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority != null && authority.startsWith("ROLE_"))
			.map(authority -> authority.substring("ROLE_".length()).intern())
			.collect(Collectors.toUnmodifiableSet()) : Set.of();
		// Each handshake reads the sign-in anew: one string per login, not per page.
		return new StompUser(principal.getName().intern(), roles);
	}

	@Override
	public String getName() {
		return login;
	}

}
