package io.ringside.routing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ringside.telephony.PbxSettings;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	FastAgiAddress fastAgiAddress(PbxSettings settings) {
		return FastAgiAddress.of(settings.agi().bindAddress(), settings.agi().port());
	}

}
