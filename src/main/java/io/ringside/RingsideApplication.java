package io.ringside;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Ringside: a reactive CRM whose client cards meet the phone calls of a sales team.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RingsideApplication {

	public static void main(String[] args) {
		SpringApplication.run(RingsideApplication.class, args);
	}

	/** The one source of the current time; tests replace it to control time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
