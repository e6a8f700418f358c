package io.ringside.calls.web;

import java.security.Principal;

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

import io.ringside.calls.Callback;
import io.ringside.calls.Callbacks;
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

	CallController(Callbacks callbacks, Employees employees, Pbx pbx, PhoneNumbers phoneNumbers) {
		this.callbacks = callbacks;
		this.employees = employees;
		this.pbx = pbx;
		this.phoneNumbers = phoneNumbers;
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

	/** Click-to-call: rings my phone, then dials the number. */
	@PostMapping("/calls/originate")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Originated> originate(@Valid @RequestBody OriginateForm form, Principal principal) {
		return employees.requireByLogin(principal.getName()).flatMap(me -> {
			if (me.extension() == null) {
				return Mono.error(new InvalidRequestException("from", "you have no phone extension"));
			}
			String number = phoneNumbers.toE164(form.number())
				.map(e164 -> e164.replace("+", ""))
				.orElseGet(() -> form.number().replaceAll("[^0-9*#]", ""));
			if (number.isEmpty()) {
				return Mono.error(new InvalidRequestException("number", "not a number: " + form.number()));
			}
			String internal = me.extension().substring(me.extension().indexOf('/') + 1);
			return pbx.originate(me.extension(), number, me.fullName() + " <" + internal + ">")
				.thenReturn(new Originated(me.extension(), number));
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
