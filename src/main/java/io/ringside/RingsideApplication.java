package io.ringside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Ringside: a reactive CRM whose client cards meet the phone calls of a sales team.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RingsideApplication {

	public static void main(String[] args) {
		SpringApplication.run(RingsideApplication.class, args);
	}

}
