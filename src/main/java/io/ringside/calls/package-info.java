/**
 * The record of every call: each call written once when it ends, with its legs, route
 * decisions, who answered and the outcome, into the calls table and the client's history;
 * the callbacks owed for missed calls, with their deadlines and escalation to the head of
 * sales; and one client, one manager on the phone: click-to-call to another manager's
 * client refused while its owner is there, calls to it that go ahead told of.
 */
@NullMarked
package io.ringside.calls;

import org.jspecify.annotations.NullMarked;
