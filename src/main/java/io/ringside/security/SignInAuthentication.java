package io.ringside.security;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a login and password for the form and for HTTP Basic alike (Spring Security uses
 * this bean for both).
 * <p>
 * Every attempt costs one password hash comparison: an unknown or disabled login is
 * compared with a dummy hash made by the same encoder, so its refusal takes as long as a
 * wrong password's and the timing does not tell which logins exist. Every refusal is the
 * same {@link BadCredentialsException} and is counted by {@link SignInThrottle} against
 * the login and the client address that {@link SignInThrottleFilter} put in the
 * subscriber context. Hashing runs on the bounded-elastic scheduler, never on the event
 * loop.
 */
@Component
class SignInAuthentication implements ReactiveAuthenticationManager {

	private static final Log log = LogFactory.getLog(SignInAuthentication.class);

	private final ReactiveUserDetailsService users;

	private final PasswordEncoder passwords;

	private final SignInThrottle throttle;

	/**
	 * A hash of a password nobody knows, with the encoder's current algorithm and cost.
	 */
	private final String dummyHash;

	SignInAuthentication(ReactiveUserDetailsService users, PasswordEncoder passwords, SignInThrottle throttle) {
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		// An encoder answers null for a null password only.
		this.dummyHash = Objects.requireNonNull(passwords.encode(UUID.randomUUID().toString()), "dummy hash");
	}

	@Override
	public Mono<Authentication> authenticate(Authentication attempt) {
		String login = attempt.getName();
		String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
		return users.findByUsername(login)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.publishOn(Schedulers.boundedElastic())
			.flatMap(found -> {
				Optional<UserDetails> usable = found.filter(SignInAuthentication::maySignIn);
				boolean matches = passwords.matches(password, usable.map(UserDetails::getPassword).orElse(dummyHash));
				return usable.isPresent() && matches ? Mono.just(signedIn(usable.get())) : refused(login);
			});
	}

	private static boolean maySignIn(UserDetails user) {
		return user.isEnabled() && user.isAccountNonLocked() && user.isAccountNonExpired()
				&& user.isCredentialsNonExpired();
	}

	private static Authentication signedIn(UserDetails user) {
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
	}

	/**
	 * Counts the failure, then refuses; a failure to count (Redis away) is logged and the
	 * refusal stands.
	 */
	private Mono<Authentication> refused(String login) {
		return Mono
			.deferContextual(context -> throttle.failed(login,
					context.<ClientAddress>getOrEmpty(ClientAddress.class).map(ClientAddress::value).orElse(null)))
			.onErrorResume(ex -> {
				log.warn("Could not count a failed sign-in in Redis: " + ex.getMessage());
				return Mono.just(false);
			})
			.then(Mono.error(new BadCredentialsException("Wrong login or password")));
	}

	/**
	 * The client address of the request being signed in, carried in the subscriber
	 * context.
	 */
	record ClientAddress(String value) {
	}

}
