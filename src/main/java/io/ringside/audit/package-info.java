/**
 * The audit trail: who changed what through the API, when, with the entity before and
 * after the change, and who opened which client's card. Append-only. It knows no domain:
 * callers name the action and what it is about.
 */
@NullMarked
package io.ringside.audit;

import org.jspecify.annotations.NullMarked;
