package io.ringside.web;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Hibernate Validator reads its message bundles from the jar the first time a constraint
 * fails. That read would otherwise happen on an event loop, inside the first bad request;
 * this fails one constraint while the application starts so the bundles are in memory
 * before any request arrives.
 */
@Component
class ValidationWarmUp implements SmartInitializingSingleton {

	private final Validator validator;

	ValidationWarmUp(Validator validator) {
		this.validator = validator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		validator.validate(new Probe(null));
	}

	record Probe(@NotNull @Nullable String value) {
	}

}
