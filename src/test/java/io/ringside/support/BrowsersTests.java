package io.ringside.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.ringside.support.Browsers.Source;

import static org.assertj.core.api.Assertions.assertThat;

class BrowsersTests {

	@Test
	void takesTheSystemChromiumFirstWithoutAskingDocker() {
		AtomicBoolean asked = new AtomicBoolean();

		assertThat(Browsers.source(true, true, () -> asked.getAndSet(true))).isEqualTo(Source.SYSTEM_CHROMIUM);
		assertThat(asked).isFalse();
	}

	@Test
	void takesDockerWhenTheSystemHasNoChromiumOrNoDriver() {
		assertThat(Browsers.source(false, true, () -> true)).isEqualTo(Source.DOCKER);
		assertThat(Browsers.source(true, false, () -> true)).isEqualTo(Source.DOCKER);
	}

	@Test
	void asksSeleniumManagerWhenThereIsNeitherAWholeSystemBrowserNorDocker() {
		assertThat(Browsers.source(false, true, () -> false)).isEqualTo(Source.SELENIUM_MANAGER);
		assertThat(Browsers.source(false, false, () -> false)).isEqualTo(Source.SELENIUM_MANAGER);
	}

}
