package io.ringside.dashboard.web;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.dashboard.Dashboard;
import io.ringside.dashboard.DashboardSnapshot;
import io.ringside.dashboard.Takeovers;
import io.ringside.dashboard.Takeovers.Takeover;
import io.ringside.team.Employees;
import io.ringside.team.Role;
import io.ringside.web.ForbiddenException;

/**
 * The supervisors' board, the same snapshot a new subscriber to {@code /topic/dashboard}
 * receives first, and today's takeovers one by one. Managers are refused both.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "dashboard", description = "The supervisors' live board")
class DashboardController {

	private final Dashboard dashboard;

	private final Employees employees;

	private final Takeovers takeovers;

	DashboardController(Dashboard dashboard, Employees employees, Takeovers takeovers) {
		this.dashboard = dashboard;
		this.employees = employees;
		this.takeovers = takeovers;
	}

	@GetMapping("/dashboard")
	@Operation(
			summary = "The board now: calls ringing and in progress, the team's presence and current calls, "
					+ "today's figures",
			description = "For supervisors, the head of sales and the admin. Changes follow on "
					+ "the STOMP topic /topic/dashboard (docs/stomp.md).")
	@ApiResponse(responseCode = "200", description = "The snapshot")
	@ApiResponse(responseCode = "403", description = "Managers may not see the board",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<DashboardSnapshot> dashboard(Principal principal) {
		return notManager(principal).then(Mono.defer(dashboard::snapshot));
	}

	@GetMapping("/dashboard/takeovers")
	@Operation(summary = "Today's calls the head of sales took over from clients' owners, the newest first",
			description = "Ended inbound calls from known clients answered by a head of sales who is not the owner "
					+ "(what the board's takeovers figure counts), with the routing reason (OWNER_ABSENT, "
					+ "OWNER_NO_ANSWER, ...). Today is the calendar day in ringside.dashboard.zone. For supervisors, "
					+ "the head of sales and the admin.")
	@ApiResponse(responseCode = "200", description = "The takeovers")
	@ApiResponse(responseCode = "403", description = "Managers may not see them",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	Flux<Takeover> takeovers(Principal principal) {
		return notManager(principal).thenMany(Flux.defer(takeovers::today));
	}

	private Mono<Void> notManager(Principal principal) {
		return employees.requireByLogin(principal.getName()).flatMap(me -> {
			if (me.role() == Role.MANAGER) {
				return Mono
					.error(new ForbiddenException("The dashboard is for supervisors, the head of sales and the admin"));
			}
			return Mono.empty();
		});
	}

}
