package io.ringside.reports.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.reports.Reports;
import io.ringside.reports.Reports.ClientSummary;
import io.ringside.reports.Reports.SegmentReport;

/**
 * Reports over the clients that are not archived; {@code owner} (a login) limits one to
 * that manager's clients. Parameters are checked by WebFlux's built-in method validation,
 * which answers 400; {@code @Validated} would switch to the AOP validation, whose
 * ConstraintViolationException no handler maps (a 500).
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

	private final Reports reports;

	ReportController(Reports reports) {
		this.reports = reports;
	}

	@GetMapping("/segments")
	Mono<SegmentReport> segments(@RequestParam(required = false) String owner) {
		return reports.segments(owner);
	}

	@GetMapping("/vip")
	Flux<ClientSummary> vip(@RequestParam(required = false) String owner) {
		return reports.vip(owner);
	}

	@GetMapping("/lifetime-value")
	Flux<ClientSummary> lifetimeValue(@RequestParam(defaultValue = "20") @Min(1) @Max(Reports.MAX_LIMIT) int limit,
			@RequestParam(required = false) String owner) {
		return reports.topByLifetimeValue(limit, owner);
	}

}
