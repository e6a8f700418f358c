package io.ringside.clients;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

import io.ringside.clients.Clients.ClientPage;
import io.ringside.clients.Clients.ClientQuery;
import io.ringside.database.Like;
import io.ringside.web.InvalidRequestException;

/**
 * The client search: a query's filters (text in the name or the exact tax id, any part of
 * a number, industry, owner, VIP, archived or not) as one parameterised SQL condition, a
 * page of matches and their total. Stateless.
 */
final class ClientSearch {

	private ClientSearch() {
	}

	static Mono<ClientPage> page(DatabaseClient db, ClientQuery query) {
		StringBuilder where = new StringBuilder("where true ");
		Map<String, Object> binds = new LinkedHashMap<>();
		if (!query.includeArchived()) {
			where.append("and c.archived_at is null ");
		}
		if (query.text() != null && !query.text().isBlank()) {
			where.append("and (c.name ilike :text escape '\\' or c.tax_id = :exactText) ");
			binds.put("text", "%" + Like.escape(query.text().trim()) + "%");
			binds.put("exactText", query.text().trim());
		}
		if (query.number() != null && !query.number().isBlank()) {
			String digits = query.number().replaceAll("\\D", "");
			if (digits.isEmpty()) {
				return Mono.error(new InvalidRequestException("number", "give at least one digit"));
			}
			where
				.append("and exists (select 1 from phone_numbers p where p.client_id = c.id and p.e164 like :digits) ");
			binds.put("digits", "%" + digits + "%");
		}
		if (query.industry() != null && !query.industry().isBlank()) {
			where.append("and lower(c.industry) = lower(:industry) ");
			binds.put("industry", query.industry().trim());
		}
		if (query.ownerLogin() != null && !query.ownerLogin().isBlank()) {
			where.append("and e.login = :owner ");
			binds.put("owner", query.ownerLogin().trim());
		}
		if (query.vip() != null) {
			where.append("and c.vip = :vip ");
			binds.put("vip", query.vip());
		}
		Mono<Long> total = bindAll(
				db.sql("select count(*) as total from clients c join employees e on e.id = c.owner_id " + where), binds)
			.map(row -> row.get("total", Long.class))
			.one();
		Mono<List<Client>> items = bindAll(
				db.sql(Clients.SELECT + where + "order by c.name, c.id limit :limit offset :offset"), binds)
			.bind("limit", query.size())
			.bind("offset", (long) query.page() * query.size())
			.map(Clients::read)
			.all()
			.collectList();
		return Mono.zip(items, total).map(t -> new ClientPage(t.getT1(), query.page(), query.size(), t.getT2()));
	}

	private static GenericExecuteSpec bindAll(GenericExecuteSpec spec, Map<String, Object> binds) {
		GenericExecuteSpec result = spec;
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			result = result.bind(bind.getKey(), bind.getValue());
		}
		return result;
	}

}
