package io.ringside.clients;

/**
 * What a card offers next: the products that most clients of the client's segment buy and
 * the client itself has never bought. The segment is the industry compared without case,
 * as the reports group it, over the clients that are not archived; to buy is to have the
 * product in an order that was not cancelled (as in {@link Figures}), so a product the
 * client only ever cancelled is still offered, and a cancelled order of another client
 * counts for nothing. Products rank by how many of those clients buy them, then by SKU.
 * <p>
 * A column of the card's one statement ({@link Cards}), computed by PostgreSQL from the
 * counts per segment and product that {@link SegmentBuyersRefresh} keeps in the
 * materialized view {@code segment_buyers} (so offers are up to
 * {@code ringside.offers.refresh-interval} old): an index range of the segment's
 * products, less the client's own purchases, about a millisecond (docs/benchmark.md).
 */
final class AlsoBuy {

	/** At most this many suggestions on a card. */
	static final int AT_MOST = 5;

	/**
	 * The suggestions of the card's client ({@code client}, with its {@code id} and
	 * {@code industry}) as a JSON array, the first to offer first; parameter
	 * {@code :atMost}.
	 */
	static final String COLUMN = "(select coalesce(json_agg(s order by s.buyers desc, s.sku), '[]') "
			+ "from (select p.sku, p.name, coalesce(p.attributes, '{}'::jsonb) as attributes, p.price, "
			+ "p.on_hand as \"onHand\", p.incoming, p.incoming_date as \"incomingDate\", b.buyers "
			// the segment's counts, kept by SegmentBuyersRefresh: an index range
			+ "from segment_buyers b join products p on p.id = b.product_id "
			+ "where b.segment = lower(client.industry) "
			// never bought by the client itself (its own orders: a few)
			+ "and not exists (select 1 from orders mine join order_lines ml on ml.order_id = mine.id "
			+ "where mine.client_id = client.id and mine.status <> 'CANCELLED' and ml.product_id = b.product_id) "
			+ "order by b.buyers desc, p.sku limit :atMost) s)";

	private AlsoBuy() {
	}

}
