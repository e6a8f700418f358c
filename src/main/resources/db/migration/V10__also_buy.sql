-- A card's suggestions (clients.AlsoBuy) read the clients of one segment: the industry compared without case, as the
-- reports group it. Without an index on that expression PostgreSQL has no statistics for it and guesses 0.5% of the
-- clients (500 of the benchmark's 100,000, where a segment has 25,000), and then walks the orders client by client.
create index clients_segment_idx on clients (lower(industry));
