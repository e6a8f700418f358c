package io.ringside.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.lettuce.core.ScriptOutputType;

/**
 * A Lua script for {@link Redis#run}: its text, its SHA-1 digest (by which Redis keeps
 * it) and what it answers.
 *
 * @param <T> what it answers: {@code Long} for an integer, {@code List<Object>} for a
 * table
 */
public record LuaScript<T>(String source, String digest, ScriptOutputType output) {

	/** A script that answers an integer. */
	public static LuaScript<Long> integer(String source) {
		return new LuaScript<>(source, digest(source), ScriptOutputType.INTEGER);
	}

	/** A script that answers a table (its numbers as {@code Long}). */
	public static LuaScript<List<Object>> table(String source) {
		return new LuaScript<>(source, digest(source), ScriptOutputType.MULTI);
	}

	private static String digest(String source) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-1", ex);
		}
	}

}
