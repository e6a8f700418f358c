package io.ringside.web;

/** The thing a request names does not exist. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object key) {
		super(what + " " + key + " does not exist");
	}

}
