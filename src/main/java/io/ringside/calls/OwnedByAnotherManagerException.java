package io.ringside.calls;

import java.util.Map;

import io.ringside.web.ConflictException;

/**
 * Click-to-call refused: the number is another manager's client and that manager is there
 * to call it. The problem document names the owner ({@code owner}: login and name).
 */
public class OwnedByAnotherManagerException extends ConflictException {

	public OwnedByAnotherManagerException(String clientName, String ownerLogin, String ownerName) {
		super("Another manager's client",
				clientName + " is " + ownerName + "'s client: only the owner calls them while they are available",
				Map.of("owner", Map.of("login", ownerLogin, "name", ownerName)));
	}

}
