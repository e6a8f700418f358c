package io.ringside.calls.web;

import java.security.Principal;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.calls.CallToOthersClient;
import io.ringside.calls.Callback;
import io.ringside.calls.Callbacks;
import io.ringside.calls.OthersClients;
import io.ringside.clients.PhoneNumbers;
import io.ringside.team.Employees;
import io.ringside.team.Role;
import io.ringside.telephony.Pbx;
import io.ringside.web.ForbiddenException;
import io.ringside.web.InvalidRequestException;

/** Callbacks owed for missed calls, and click-to-call. */
@RestController
@RequestMapping("/api")
class CallController {

	private final Callbacks callbacks;

	private final Employees employees;

	private final Pbx pbx;

	private final PhoneNumbers phoneNumbers;

	private final OthersClients othersClients;

	CallController(Callbacks callbacks, Employees employees, Pbx pbx, PhoneNumbers phoneNumbers,
			OthersClients othersClients) {
		this.callbacks = callbacks;
		this.employees = employees;
		this.pbx = pbx;
		this.phoneNumbers = phoneNumbers;
		this.othersClients = othersClients;
	}

	/**
	 * My open callbacks; {@code scope=all} gives the whole team's, for the head of sales,
	 * admin and supervisors.
	 */
	@GetMapping("/callbacks")
	Flux<Callback> callbacks(@RequestParam(defaultValue = "mine") String scope, Principal principal) {
		return employees.requireByLogin(principal.getName()).flatMapMany(me -> {
			if (!"all".equals(scope)) {
				return callbacks.openFor(me);
			}
			if (me.role() == Role.MANAGER) {
				return Flux.error(new ForbiddenException("Managers see their own callbacks"));
			}
			return callbacks.allOpen();
		});
	}

	@PostMapping("/callbacks/{id}/done")
	Mono<Callback> done(@PathVariable long id, Principal principal) {
		return employees.requireByLogin(principal.getName()).flatMap(me -> callbacks.done(id, me));
	}

	/**
	 * Click-to-call: rings my phone, then dials the number. Another manager's client is
	 * refused with 409 naming the owner, unless I am the head of sales or the admin, or
	 * the owner is absent (then the owner is told): see {@link OthersClients}.
	 */
	@PostMapping("/calls/originate")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Originated> originate(@Valid @RequestBody OriginateForm form, Principal principal) {
		return employees.requireByLogin(principal.getName()).flatMap(me -> {
			String extension = me.extension();
			if (extension == null) {
				return Mono.error(new InvalidRequestException("from", "you have no phone extension"));
			}
			Optional<String> e164 = phoneNumbers.toE164(form.number());
			String number = e164.map(valid -> valid.replace("+", ""))
				.orElseGet(() -> form.number().replaceAll("[^0-9*#]", ""));
			if (number.isEmpty()) {
				return Mono.error(new InvalidRequestException("number", "not a number: " + form.number()));
			}
			String internal = extension.substring(extension.indexOf('/') + 1);
			Mono<Optional<CallToOthersClient>> cleared = e164.isEmpty() ? Mono.just(Optional.empty())
					: othersClients.clearToOriginate(me, e164.get());
			return cleared.flatMap(toAnnounce -> pbx.originate(extension, number, me.fullName() + " <" + internal + ">")
				.onErrorResume(refused -> Mono.justOrEmpty(toAnnounce)
					.flatMap(call -> othersClients.notPlaced(call, me))
					.onErrorResume(ignored -> Mono.empty())
					.then(Mono.error(refused)))
				.then(Mono.fromRunnable(() -> toAnnounce.ifPresent(othersClients::announce)))
				.thenReturn(new Originated(extension, number)));
		});
	}

	/** The PBX is not connected or refused the call: the caller may try again later. */
	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail pbxUnavailable(IllegalStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("PBX unavailable");
		return problem;
	}

	record OriginateForm(@NotBlank @Size(max = 40) String number) {
	}

	record Originated(String from, String number) {
	}

}
