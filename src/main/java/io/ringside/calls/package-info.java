/**
 * The record of every call: each call written once when it ends, with its legs, route
 * decisions, who answered and the outcome, into the calls table and the client's history;
 * and the callbacks owed for missed calls, with their deadlines and escalation to the
 * head of sales.
 */
@NullMarked
package io.ringside.calls;

import org.jspecify.annotations.NullMarked;
