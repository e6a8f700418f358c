package io.ringside.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' Content-Security-Policy allows no inline code (issue #12), so the pages and
 * the markup their scripts write have none: no {@code <script>} without {@code src}, no
 * {@code <style>}, no {@code style="..."} (nor a {@code style} attribute set by a
 * script), no {@code on...=} handlers, no {@code javascript:} links. Scripts set styles
 * through the DOM and listen with {@code addEventListener}, which the policy allows.
 */
class PagesWithoutInlineCodeTests {

	private static final Pattern INLINE = Pattern
		.compile("<script(?![^>]*\\ssrc=)[^>]*>|<style[\\s>]|\\sstyle\\s*=|\\son[a-z]+\\s*=\\s*[\"']|javascript:"
				// the attributes the scripts' el() helper sets: a style is CSS
				// declarations, "name: value"
				+ "|\\bstyle\\s*:\\s*[`'\"][a-z-]+\\s*:|setAttribute\\(\\s*['\"]style", Pattern.CASE_INSENSITIVE);

	@Test
	void pagesAndTheirScriptsHoldNoInlineScriptStyleOrHandler() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path file : files()) {
			String text = Files.readString(file);
			Matcher matcher = INLINE.matcher(text);
			while (matcher.find()) {
				found.add(file + ": " + matcher.group());
			}
		}
		assertThat(found).isEmpty();
	}

	@Test
	void theCheckFindsInlineCode() {
		assertThat(INLINE.matcher("<script>alert(1)</script>").find()).isTrue();
		assertThat(INLINE.matcher("<p style=\"color: red\">").find()).isTrue();
		assertThat(INLINE.matcher("<button onclick=\"go()\">").find()).isTrue();
		assertThat(INLINE.matcher("el('span', { class: 'spacer', style: 'flex:1' })").find()).isTrue();
		assertThat(INLINE.matcher("new Intl.NumberFormat('en-GB', { style: 'percent' })").find()).isFalse();
		assertThat(INLINE.matcher("<script type=\"module\" src=\"/assets/js/login.js\"></script>").find()).isFalse();
	}

	private static List<Path> files() throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path root : List.of(Path.of("src/main/resources/pages"), Path.of("src/main/resources/static"))) {
			try (Stream<Path> walk = Files.walk(root)) {
				walk.filter(path -> path.toString().endsWith(".html") || path.toString().endsWith(".js"))
					.forEach(files::add);
			}
		}
		assertThat(files).isNotEmpty();
		return files;
	}

}
